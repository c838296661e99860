using WganService.Gan.Datasets;
using WganService.Gan.Serving;
using System.Net;
using WganService.Api.Jobs;
using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Domain.Jobs;
using WganService.Domain.Tests.Gan.Export;
using static TorchSharp.torch;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>
/// Downloads a job's generator and samples from it outside the service, the way /generate samples,
/// so a download can be checked against the service's own output.
/// </summary>
public static class ExportedGenerator
{
    /// <returns>The file's bytes and the name Content-Disposition gives it.</returns>
    public static Task<(byte[] Bytes, string FileName)> DownloadGeneratorAsync(this HttpClient client, Guid jobId, string query = "") =>
        client.DownloadAsync($"/jobs/{jobId}/generator{query}");

    /// <returns>The file's bytes and the name Content-Disposition gives it.</returns>
    public static async Task<(byte[] Bytes, string FileName)> DownloadAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        return (await response.Content.ReadAsByteArrayAsync(), disposition.FileNameStar ?? disposition.FileName!);
    }

    /// <summary>Loads a safetensors export into a freshly built generator (strictly: every name, nothing extra) and samples.</summary>
    public static float[] SampleSafetensors(byte[] file, JobResponse job, int[] sampleShape, int count, long seed)
    {
        using var scope = NewDisposeScope();
        using var generator = Create(job, sampleShape);
        var (missing, unexpected) = generator.load_state_dict(SafetensorsFile.Parse(file).ToStateDict(), strict: true);
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        return Sample(generator, job, count, seed);
    }

    /// <summary>Loads TorchSharp-format weights into a freshly built generator and samples.</summary>
    public static float[] SampleTorchSharp(byte[] weights, JobResponse job, int[] sampleShape, int count, long seed)
    {
        using var generator = Create(job, sampleShape);
        GeneratorWeights.Load(generator, weights);
        return Sample(generator, job, count, seed);
    }

    private static nn.Module<Tensor, Tensor> Create(JobResponse job, int[] sampleShape) =>
        GanNetworks.CreateGenerator(job.Architecture, job.Hyperparameters,
            new DatasetInfo(job.Dataset, job.Architecture == NetworkArchitecture.Mlp ? DatasetKind.Vectors : DatasetKind.Images,
                sampleShape, BuiltIn: false));

    private static float[] Sample(nn.Module<Tensor, Tensor> generator, JobResponse job, int count, long seed)
    {
        generator.eval();
        var latentDim = job.Hyperparameters.LatentDim;
        return BatchedForward.For(generator, latentDim, CPU).Run([Latents.FromSeed(count, latentDim, seed)])[0];
    }
}
