using System.Net;
using System.Net.Http.Json;
using WganService.Api.Datasets;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Jobs;

namespace WganService.Api.Tests.Hosting;

[Collection("postgres")]
public class PostgresModeTests(PostgresServer postgres)
{
    [Fact]
    public async Task SubmittedJob_Succeeds_AndServesSamples_OnPostgres()
    {
        await using var factory = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: true);
        using var client = factory.CreateClient();

        await TrainAndGenerateScenario.RunAsync(client);
    }

    [Fact]
    public async Task UploadedImages_TrainADcganJob_OnPostgres()
    {
        await using var factory = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: true);
        using var client = factory.CreateClient();
        var upload = await client.PostAsync("/datasets", IdxFile.Upload(IdxFile.Squares(120)));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var dataset = (await upload.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!;

        var job = await client.SubmitAsync(new { dataset = dataset.Id, variant = "wgan", hyperparameters = new { generatorSteps = 3, batchSize = 8, criticSchedule = "constant" } });
        var finished = await client.WaitUntilFinishedAsync(job.Id);

        Assert.True(finished.Status == JobStatus.Succeeded, finished.Error);
        Assert.Equal([1, 28, 28], (await client.GetFromJsonAsync<DatasetResponse>($"/datasets/{dataset.Id}", ApiClient.Json))!.Shape);
        Assert.Equal([2, 1, 28, 28], (await client.GenerateAsync(new { jobId = job.Id, count = 2, seed = 3 })).Shape);
        var grid = await client.GetAsync($"/jobs/{job.Id}/samples.png");
        Assert.Equal("image/png", grid.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task LabelledUpload_KeepsItsLabels_AndUnlabelledStaysUnlabelled_OnPostgres()
    {
        await using var factory = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: false);
        using var client = factory.CreateClient();

        var labelled = await client.PostAsync("/datasets", MnistSlice.Upload());
        var unlabelled = await client.PostAsync("/datasets", IdxFile.Upload(MnistSlice.Images, "slice.gz"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (labelled.StatusCode, unlabelled.StatusCode));
        var id = (await labelled.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!.Id;
        var fetched = (await client.GetFromJsonAsync<DatasetResponse>($"/datasets/{id}", ApiClient.Json))!;
        Assert.Equal(10, fetched.Classes);
        Assert.Equal(Enumerable.Range(0, 10).ToDictionary(c => c.ToString(), _ => 100), fetched.ClassCounts);
        Assert.Null((await unlabelled.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!.ClassCounts);
    }
}
