using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WganService.Api.Datasets;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Jobs;
using WganService.Domain.Tests.Gan.Export;
using WganService.Gan;

namespace WganService.Api.Tests.Jobs;

/// <summary>The WGAN-GP authors' MNIST networks, chosen by name: trained, served, exported; refused for other shapes.</summary>
public sealed class DcganMnistApiTests : EmbeddedApiTest
{
    private async Task<DatasetResponse> UploadSquaresAsync(int size)
    {
        var upload = await Client.PostAsync("/datasets", IdxFile.Upload(IdxFile.Squares(64, size), name: $"squares {size}"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        return (await upload.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!;
    }

    [Fact]
    public async Task DcganMnistJob_Trains_ServesThroughGenerate_AndExportsLikeItServes()
    {
        var dataset = await UploadSquaresAsync(28);
        var submitted = await Client.SubmitAsync(new
        {
            dataset = dataset.Id, variant = "wgan-gp", architecture = "dcgan-mnist", name = "authors-mnist",
            hyperparameters = new { generatorSteps = 3, batchSize = 8, seed = 4 },
        });
        var job = await Client.WaitUntilFinishedAsync(submitted.Id);

        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        Assert.Equal((NetworkArchitecture.DcganMnist, 128, 0.5),
            (job.Architecture, job.Hyperparameters.LatentDim, job.Hyperparameters.Beta1!.Value));
        var raw = await Client.GetStringAsync($"/jobs/{job.Id}");
        Assert.Contains("\"architecture\":\"dcgan-mnist\"", raw, StringComparison.Ordinal);

        var served = await Client.GenerateAsync(new { jobId = job.Id, count = 3, seed = 11, checkpoint = "final" });
        Assert.Equal([3, 1, 28, 28], served.Shape);
        Assert.All(served.Samples.SelectMany(s => s), v => Assert.InRange(v, -1f, 1f));

        var (file, fileName) = await Client.DownloadGeneratorAsync(job.Id, "?checkpoint=final&format=safetensors");
        Assert.Equal("authors-mnist-final-step3.safetensors", fileName);
        var description = JsonDocument.Parse(SafetensorsFile.Parse(file).Metadata["generator"]).RootElement;
        Assert.Equal(("dcgan-mnist", "[256,128,64]"),
            (description.GetProperty("architecture").GetString(), description.GetProperty("convChannels").GetRawText()));
        Assert.Equal(served.Samples.SelectMany(s => s), ExportedGenerator.SampleSafetensors(file, job, [1, 28, 28], 3, seed: 11));
    }

    [Fact]
    public async Task DcganMnist_OnAnotherImageSize_Is400_NamingTheArchitecture()
    {
        var dataset = await UploadSquaresAsync(32);

        var response = await Client.PostAsJsonAsync("/jobs",
            new { dataset = dataset.Id, variant = "wgan-gp", architecture = "dcgan-mnist" }, ApiClient.Json);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "architecture");
        Assert.Contains("[1, 32, 32]", problem.GetProperty("errors").GetProperty("architecture")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DcganMnist_OnVectors_Is400_NamingTheArchitecture()
    {
        var response = await Client.PostAsJsonAsync("/jobs",
            new { dataset = "8gaussians", variant = "wgan-gp", architecture = "dcgan-mnist" }, ApiClient.Json);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "architecture");
    }
}
