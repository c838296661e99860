using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Datasets;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Datasets;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Gan;
using WganService.Gan.Datasets;

namespace WganService.Api.Tests.Datasets;

public sealed class DatasetsApiTests : EmbeddedApiTest
{
    private async Task<DatasetResponse> UploadSquaresAsync(int count = 200)
    {
        var response = await Client.PostAsync("/datasets", IdxFile.Upload(IdxFile.Squares(count), name: "squares"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var dataset = (await response.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!;
        Assert.Equal($"/datasets/{dataset.Id}", response.Headers.Location!.OriginalString);
        return dataset;
    }

    [Fact]
    public async Task IdxUpload_IsStored_WithItsShape_AndListedBesideBuiltIns()
    {
        var dataset = await UploadSquaresAsync();

        Assert.Equal((DatasetKind.Images, 200, "idx", "squares"), (dataset.Kind, dataset.Count, dataset.Format, dataset.Name));
        Assert.Equal([1, 28, 28], dataset.Shape);
        var list = (await Client.GetFromJsonAsync<DatasetListResponse>("/datasets", ApiClient.Json))!;
        Assert.Equal(["8gaussians", "25gaussians", "swissroll", dataset.Id], list.Items.Select(d => d.Id));
        Assert.Equal([2], list.Items[0].Shape);
        var fetched = (await Client.GetFromJsonAsync<DatasetResponse>($"/datasets/{dataset.Id}", ApiClient.Json))!;
        Assert.Equal((dataset.Id, dataset.Count, dataset.CreatedAt), (fetched.Id, fetched.Count, fetched.CreatedAt));
        Assert.Equal(dataset.Shape, fetched.Shape);
    }

    [Fact]
    public async Task MalformedUpload_Is400_SayingWhatIsWrong_AndStoresNothing()
    {
        var lying = IdxFile.Squares(10);
        lying[7] = 11; // The header now declares 11 images; the file holds 10.

        var response = await Client.PostAsync("/datasets", IdxFile.Upload(lying));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "file");
        Assert.Contains("declare", problem.GetProperty("errors").GetProperty("file")[0].GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, (await Client.GetFromJsonAsync<DatasetListResponse>("/datasets", ApiClient.Json))!.Items.Count);
    }

    [Fact]
    public async Task UploadOverTheLimit_Is413()
    {
        await using var factory = WganApiFactory.Embedded();
        factory.Settings["Datasets:MaxUploadBytes"] = "10000";
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/datasets", IdxFile.Upload(IdxFile.Squares(50)));

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task DatasetInUse_CannotBeDeleted_UntilItsJobsFinish()
    {
        var dataset = await UploadSquaresAsync();
        var job = await Client.SubmitAsync(
            new { dataset = dataset.Id, variant = "wgan-gp", hyperparameters = new { generatorSteps = 1_000_000, batchSize = 8 } });

        await Problem.AssertAsync(await Client.DeleteAsync($"/datasets/{dataset.Id}"), HttpStatusCode.Conflict);
        await Client.PostAsync($"/jobs/{job.Id}/cancel", null);
        await Client.WaitUntilFinishedAsync(job.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/datasets/{dataset.Id}")).StatusCode);
        await Problem.AssertAsync(await Client.GetAsync($"/datasets/{dataset.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DcganJob_OnUploadedImages_Trains_Checkpoints_AndGeneratesImages()
    {
        var dataset = await UploadSquaresAsync();

        var job = await Client.SubmitAsync(new
        {
            dataset = dataset.Id, variant = "wgan-gp", architecture = "dcgan",
            hyperparameters = new { generatorSteps = 4, batchSize = 8, checkpointEvery = 2 },
        });
        var finished = await Client.WaitUntilFinishedAsync(job.Id);

        Assert.True(finished.Status == JobStatus.Succeeded, finished.Error);
        Assert.Equal((NetworkArchitecture.Dcgan, Gan.CriticNormalization.Layer),
            (finished.Architecture, finished.Hyperparameters.CriticNormalization!.Value));
        var samples = await Client.GenerateAsync(new { jobId = job.Id, count = 3, seed = 1 });
        Assert.Equal([3, 1, 28, 28], samples.Shape);
        Assert.All(samples.Samples.SelectMany(s => s), v => Assert.InRange(v, -1f, 1f));
        await using var scope = Factory.Services.CreateAsyncScope();
        var checkpoint = await scope.ServiceProvider.GetRequiredService<WganDbContext>().Artifacts
            .SingleAsync(a => a.JobId == job.Id && a.Kind == ArtifactKinds.Checkpoint);
        Assert.Equal((Gan.TrainingCheckpoint.CurrentVersion, 4), Gan.TrainingCheckpoint.ReadHeader(checkpoint.Data));
    }
}
