using System.Net;
using System.Net.Http.Json;
using WganService.Api.Datasets;
using WganService.Api.Generation;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Jobs;
using WganService.Domain.Tests.Gan.Export;
using WganService.Gan.Serving;

namespace WganService.Api.Tests.Jobs;

/// <summary>
/// format=onnx, from a job and from a registered model version: the downloaded model, run by ONNX Runtime on the
/// latents /generate draws from a seed, gives /generate's samples (to float rounding: a different runtime's kernels).
/// </summary>
public sealed class OnnxExportApiTests : EmbeddedApiTest
{
    private const float Tolerance = 1e-5f;

    [Fact]
    public async Task MlpJob_Onnx_RunsUnderOnnxRuntime_AsGenerateSamples()
    {
        var job = await Client.WaitUntilFinishedAsync((await Client.SubmitAsync(ApiClient.QuickJob(steps: 10))).Id);
        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        var served = await Client.GenerateAsync(new { jobId = job.Id, count = 16, seed = 7 });

        var (model, fileName) = await Client.DownloadGeneratorAsync(job.Id, "?format=onnx");

        Assert.Equal($"8gaussians-wgan-gp-best-step{served.GeneratorStep}.onnx", fileName);
        using var runner = new OnnxModelRunner(model);
        var (samples, shape) = runner.Run(Latents.FromSeed(16, 2, seed: 7), 16);
        Assert.Equal([16L, 2], shape);
        AssertClose(served, samples);
    }

    [Fact]
    public async Task DcganModelVersion_Onnx_RunsUnderOnnxRuntime_AsGenerateByModelSamples()
    {
        var upload = await Client.PostAsync("/datasets", IdxFile.Upload(IdxFile.Squares(64), name: "tiny squares"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var dataset = (await upload.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!;
        var submitted = await Client.SubmitAsync(new
        {
            dataset = dataset.Id, variant = "wgan-gp", name = "tiny squares/gp",
            hyperparameters = new { generatorSteps = 2, batchSize = 8 },
        });
        var job = await Client.WaitUntilFinishedAsync(submitted.Id);
        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        var registered = await Client.PostAsJsonAsync(
            "/models", new { name = "squares", jobId = job.Id, checkpoint = "final" }, ApiClient.Json);
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var served = await Client.GenerateAsync(new { model = "squares:1", count = 3, seed = 11 });

        var (model, fileName) = await Client.DownloadAsync("/models/squares/versions/1/generator?format=onnx");

        Assert.Equal("squares-v1-final-step2.onnx", fileName);
        using var runner = new OnnxModelRunner(model);
        var (samples, shape) = runner.Run(Latents.FromSeed(3, job.Hyperparameters.LatentDim, seed: 11), 3);
        Assert.Equal([3L, 1, 28, 28], shape);
        AssertClose(served, samples);
    }

    [Theory]
    [InlineData("?format=ONNX", HttpStatusCode.BadRequest, "format")]
    [InlineData("?format=onnx", HttpStatusCode.NotFound, null)]
    [InlineData("", HttpStatusCode.NotFound, null)]
    public async Task ModelVersionGenerator_BadFormat_Is400NamingIt_UnknownVersion_Is404(string query, HttpStatusCode status, string? field)
    {
        await Problem.AssertAsync(await Client.GetAsync($"/models/no-such-model/versions/1/generator{query}"), status, field);
    }

    private static void AssertClose(GenerateResponse served, float[] samples)
    {
        var expected = served.Samples.SelectMany(s => s).ToArray();
        Assert.Equal(expected.Length, samples.Length);
        var difference = expected.Zip(samples, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(difference <= Tolerance, $"max |onnx − /generate| = {difference:E2}");
    }
}
