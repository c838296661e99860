using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Datasets;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Datasets;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Tests.Gan.Export;
using WganService.Gan;
using WganService.Gan.Datasets;

namespace WganService.Api.Tests.Jobs;

public sealed class GeneratorExportApiTests : EmbeddedApiTest
{
    private async Task<byte[]> StoredAsync(Guid jobId, string kind)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WganDbContext>().Artifacts
            .Where(a => a.JobId == jobId && a.Kind == kind).Select(a => a.Data).SingleAsync();
    }

    [Fact]
    public async Task MlpJob_Safetensors_IsTheBestGenerator_ThatSamplesLikeGenerate()
    {
        var job = await Client.WaitUntilFinishedAsync((await Client.SubmitAsync(ApiClient.QuickJob(steps: 10))).Id);
        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        var served = await Client.GenerateAsync(new { jobId = job.Id, count = 16, seed = 7 });

        var (file, fileName) = await Client.DownloadGeneratorAsync(job.Id);

        Assert.Equal($"8gaussians-wgan-gp-best-step{served.GeneratorStep}.safetensors", fileName);
        var metadata = SafetensorsFile.Parse(file).Metadata;
        Assert.Equal(("pt", job.Id.ToString(), "best", served.GeneratorStep.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (metadata["format"], metadata["jobId"], metadata["checkpoint"], metadata["generatorStep"]));
        var generator = JsonDocument.Parse(metadata["generator"]).RootElement;
        Assert.Equal(("mlp", 2, 512),
            (generator.GetProperty("architecture").GetString(), generator.GetProperty("latentDim").GetInt32(),
                generator.GetProperty("hidden").GetInt32()));
        Assert.Equal(served.Samples.SelectMany(s => s), ExportedGenerator.SampleSafetensors(file, job, [2], 16, seed: 7));
    }

    [Fact]
    public async Task MlpJob_TorchSharpFinal_IsTheStoredArtifact_AsItIs()
    {
        var job = await Client.WaitUntilFinishedAsync((await Client.SubmitAsync(ApiClient.QuickJob(steps: 10))).Id);
        Assert.True(job.Status == JobStatus.Succeeded, job.Error);

        var (weights, fileName) = await Client.DownloadGeneratorAsync(job.Id, "?format=torchsharp&checkpoint=final");

        Assert.Equal("8gaussians-wgan-gp-final-step10.dat", fileName);
        Assert.Equal(await StoredAsync(job.Id, ArtifactKinds.FinalGenerator), weights);
        var served = await Client.GenerateAsync(new { jobId = job.Id, count = 16, seed = 7, checkpoint = "final" });
        Assert.Equal(served.Samples.SelectMany(s => s), ExportedGenerator.SampleTorchSharp(weights, job, [2], 16, seed: 7));
    }

    [Fact]
    public async Task DcganJob_ExportsBatchNormBuffers_AndBothFormatsSampleLikeGenerate()
    {
        var upload = await Client.PostAsync("/datasets", IdxFile.Upload(IdxFile.Squares(64), name: "tiny squares"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var dataset = (await upload.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!;
        var submitted = await Client.SubmitAsync(new
        {
            dataset = dataset.Id, variant = "wgan-gp", architecture = "dcgan", name = "tiny squares/gp",
            hyperparameters = new { generatorSteps = 2, batchSize = 8 },
        });
        var job = await Client.WaitUntilFinishedAsync(submitted.Id);
        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        int[] shape = [1, 28, 28];

        var (file, fileName) = await Client.DownloadGeneratorAsync(job.Id, "?checkpoint=final&format=safetensors");
        var (weights, _) = await Client.DownloadGeneratorAsync(job.Id, "?format=torchsharp");

        Assert.Equal("tiny-squares-gp-final-step2.safetensors", fileName);
        var parsed = SafetensorsFile.Parse(file);
        Assert.Equal(("I64", "F32", "F32"),
            (parsed.Entry("conv.2.num_batches_tracked").Dtype, parsed.Entry("conv.2.running_mean").Dtype,
                parsed.Entry("conv.2.running_var").Dtype));
        // Training-mode passes of the generator: 2 steps × (5 critic updates + 1 generator update).
        Assert.Equal(12L, parsed.ToTensor(parsed.Entry("conv.2.num_batches_tracked")).item<long>());
        var generator = JsonDocument.Parse(parsed.Metadata["generator"]).RootElement;
        Assert.Equal("[128,64]", generator.GetProperty("convChannels").GetRawText());
        Assert.Equal("[1,28,28]", generator.GetProperty("sampleShape").GetRawText());
        var final = await Client.GenerateAsync(new { jobId = job.Id, count = 3, seed = 11, checkpoint = "final" });
        Assert.Equal(final.Samples.SelectMany(s => s), ExportedGenerator.SampleSafetensors(file, job, shape, 3, seed: 11));
        Assert.Equal(await StoredAsync(job.Id, ArtifactKinds.BestGenerator), weights);
        var best = await Client.GenerateAsync(new { jobId = job.Id, count = 3, seed = 11 });
        Assert.Equal(best.Samples.SelectMany(s => s), ExportedGenerator.SampleTorchSharp(weights, job, shape, 3, seed: 11));
    }

    [Fact]
    public async Task UnknownJob_Is404()
    {
        await Problem.AssertAsync(await Client.GetAsync($"/jobs/{Guid.NewGuid()}/generator"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task JobWithoutAGenerator_Is409_ForEitherCheckpoint()
    {
        // A job that is stored but never queued: deterministically without a generator, and nothing trains.
        Guid id;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
            var spec = new JobSpec { Dataset = "8gaussians", Variant = GanVariant.WganGp };
            var job = new Job(JobSpecResolver.Resolve(spec, ToyDataset.EightGaussians.Info).Job!, DateTimeOffset.UtcNow);
            db.Jobs.Add(job);
            await db.SaveChangesAsync();
            id = job.Id;
        }

        var best = await Problem.AssertAsync(await Client.GetAsync($"/jobs/{id}/generator"), HttpStatusCode.Conflict);
        await Problem.AssertAsync(await Client.GetAsync($"/jobs/{id}/generator?checkpoint=final&format=torchsharp"),
            HttpStatusCode.Conflict);

        Assert.Contains("no best generator", best.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?format=ONNX", "format")]
    [InlineData("?format=pt", "format")]
    [InlineData("?format=SafeTensors", "format")]
    [InlineData("?checkpoint=latest", "checkpoint")]
    [InlineData("?checkpoint=", "checkpoint")]
    public async Task BadQuery_Is400_NamingTheField(string query, string field)
    {
        await Problem.AssertAsync(await Client.GetAsync($"/jobs/{Guid.NewGuid()}/generator{query}"), HttpStatusCode.BadRequest, field);
    }
}
