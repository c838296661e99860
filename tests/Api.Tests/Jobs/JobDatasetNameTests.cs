using System.Net;
using System.Net.Http.Json;
using WganService.Api.Datasets;
using WganService.Api.Jobs;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;

namespace WganService.Api.Tests.Jobs;

/// <summary>
/// A job names its dataset for people (datasetName) beside the id it trains on (dataset). Server mode with no
/// worker, so a job stays queued until the test cancels it.
/// </summary>
[Collection("postgres")]
public sealed class JobDatasetNameTests(PostgresServer postgres)
{
    [Fact]
    public async Task Jobs_NameTheirDataset_ByTheUploadsName_AndNullOnceTheUploadIsDeleted()
    {
        await using var factory = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: false);
        using var client = factory.CreateClient();
        var upload = await client.PostAsync("/datasets", IdxFile.Upload(IdxFile.Squares(40), name: "squares of light"));
        var dataset = (await upload.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!;

        var onUpload = await client.SubmitAsync(new { dataset = dataset.Id, variant = "wgan-gp" });
        var onBuiltIn = await client.SubmitAsync(new { dataset = "8gaussians", variant = "wgan" });
        Assert.Equal((dataset.Id, "squares of light", "squares of light-wgan-gp"), (onUpload.Dataset, onUpload.DatasetName, onUpload.Name));
        Assert.Equal(("8gaussians", "8gaussians"), (onBuiltIn.Dataset, onBuiltIn.DatasetName));
        var listed = (await client.GetFromJsonAsync<JobListResponse>("/jobs", ApiClient.Json))!.Items;
        Assert.Equal(["squares of light", "8gaussians"], listed.OrderBy(j => j.Id == onBuiltIn.Id).Select(j => j.DatasetName));

        // A finished job outlives its upload: it keeps the id, and no longer has a name to show.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/jobs/{onUpload.Id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/datasets/{dataset.Id}")).StatusCode);
        var orphan = await client.GetJobAsync(onUpload.Id);
        Assert.Equal((dataset.Id, null), (orphan.Dataset, orphan.DatasetName));
    }
}
