using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Generation;
using WganService.Api.Tests.Infrastructure;
using WganService.Gan.Datasets.Readers;
using WganService.Gan.Serving;

namespace WganService.Api.Tests.Generation;

public sealed class GenerateApiTests(TrainedGenerators trained) : IClassFixture<TrainedGenerators>
{
    private HttpClient Client => trained.Client;

    [Fact]
    public async Task Npy_HoldsTheSameSamplesAsJson_InTheSampleShape()
    {
        var json = await Client.GenerateAsync(new { jobId = trained.ImageJob, count = 3, seed = 4 });
        var npy = await Client.PostAsJsonAsync("/generate", new { jobId = trained.ImageJob, count = 3, seed = 4, format = "npy" });

        Assert.Equal("application/octet-stream", npy.Content.Headers.ContentType!.MediaType);
        Assert.Equal("4", npy.Headers.GetValues("Wgan-Seed").Single());
        Assert.Equal(json.GeneratorStep.ToString(System.Globalization.CultureInfo.InvariantCulture),
            npy.Headers.GetValues("Wgan-Generator-Step").Single());
        var parsed = DatasetReader.Read(await npy.Content.ReadAsStreamAsync(), long.MaxValue, int.MaxValue);
        Assert.Equal([3, 1, 28, 28], [parsed.Count, .. parsed.SampleShape]);
        Assert.Equal(json.Samples.SelectMany(s => s), parsed.Values);
    }

    [Theory]
    [InlineData("toy")]
    [InlineData("image")]
    public async Task Png_IsAScatterForPoints_AndAGridForImages(string which)
    {
        var response = await Client.PostAsJsonAsync("/generate",
            new { jobId = which == "toy" ? trained.ToyJob : trained.ImageJob, count = 9, seed = 1, format = "png" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        using var bitmap = SkiaSharp.SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        // A 480-pixel scatter; or 3 × 3 images of 28 pixels drawn at 56 with 2-pixel gaps.
        var side = which == "toy" ? 480 : (3 * 56) + (2 * 2);
        Assert.Equal((side, side), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task ExplicitLatents_GiveWhatTheirSeedGives()
    {
        var latents = Latents.FromSeed(5, 100, seed: 21);
        var rows = Enumerable.Range(0, 5).Select(i => latents[(i * 100)..((i + 1) * 100)]).ToArray();

        var explicitly = await Client.GenerateAsync(new { jobId = trained.ImageJob, latents = rows });
        var seeded = await Client.GenerateAsync(new { jobId = trained.ImageJob, count = 5, seed = 21 });

        Assert.Null(explicitly.Seed);
        Assert.Equal(5, explicitly.Count);
        Assert.Equal(seeded.Samples.SelectMany(s => s), explicitly.Samples.SelectMany(s => s));
    }

    [Fact]
    public async Task Interpolation_RunsFromOneSeedsSampleToTheOthers()
    {
        var path = await Client.GenerateAsync(new { jobId = trained.ToyJob, interpolate = new { from = 3, to = 9, steps = 6 } });
        var from = await Client.GenerateAsync(new { jobId = trained.ToyJob, count = 1, seed = 3 });
        var to = await Client.GenerateAsync(new { jobId = trained.ToyJob, count = 1, seed = 9 });

        Assert.Equal([6, 2], path.Shape);
        AssertClose(from.Samples[0], path.Samples[0]);
        AssertClose(to.Samples[0], path.Samples[^1]);
        Assert.NotEqual(path.Samples[1], path.Samples[2]);
    }

    [Fact]
    public async Task Truncation_ChangesTheSamples_Reproducibly()
    {
        var plain = await Client.GenerateAsync(new { jobId = trained.ImageJob, count = 4, seed = 8 });
        var truncated = await Client.GenerateAsync(new { jobId = trained.ImageJob, count = 4, seed = 8, truncation = 0.5 });
        var again = await Client.GenerateAsync(new { jobId = trained.ImageJob, count = 4, seed = 8, truncation = 0.5 });
        // No standard normal component of 400 reaches 10: that truncation changes nothing.
        var loose = await Client.GenerateAsync(new { jobId = trained.ImageJob, count = 4, seed = 8, truncation = 10 });

        Assert.NotEqual(plain.Samples.SelectMany(s => s), truncated.Samples.SelectMany(s => s));
        Assert.Equal(truncated.Samples.SelectMany(s => s), again.Samples.SelectMany(s => s));
        Assert.Equal(plain.Samples.SelectMany(s => s), loose.Samples.SelectMany(s => s));
    }

    [Fact]
    public async Task ConcurrentRequests_AreBatched_AndGetTheSamplesTheyGetAlone()
    {
        var requests = Enumerable.Range(0, 32).Select(i => new { jobId = trained.ImageJob, count = 1 + (i % 5), seed = 1000 + i })
            .ToArray();
        var alone = new List<GenerateResponse>();
        foreach (var request in requests) alone.Add(await Client.GenerateAsync(request));
        var cache = trained.Factory.Services.GetRequiredService<GeneratorCache>();
        var before = cache.BatchingCounts()[$"job/{trained.ImageJob}/best"];

        var together = await Task.WhenAll(requests.Select(r => Client.GenerateAsync(r)));

        var after = cache.BatchingCounts()[$"job/{trained.ImageJob}/best"];
        Assert.Equal(32, after.Requests - before.Requests);
        Assert.True(after.Batches - before.Batches < 32, $"32 concurrent requests took {after.Batches - before.Batches} forward passes.");
        for (var i = 0; i < requests.Length; i++)
            Assert.Equal(alone[i].Samples.SelectMany(s => s), together[i].Samples.SelectMany(s => s));
    }

    [Fact]
    public async Task CountAboveTheBatchLimit_IsServedInPieces_WithTheSameSamples()
    {
        // MaxBatchSamples is 1,024: 2,500 rows go as three pieces. The first 1,000 must be those of a smaller request.
        var large = await Client.GenerateAsync(new { jobId = trained.ToyJob, count = 2500, seed = 6 });
        var small = await Client.GenerateAsync(new { jobId = trained.ToyJob, count = 1000, seed = 6 });

        Assert.Equal(2500, large.Samples.Length);
        Assert.Equal(small.Samples.SelectMany(s => s), large.Samples.Take(1000).SelectMany(s => s));
    }

    [Theory]
    [InlineData("""{"count":2}""", "jobId")]
    [InlineData("""{"jobId":"{toy}","model":"m"}""", "model")]
    [InlineData("""{"model":"m","checkpoint":"final"}""", "checkpoint")]
    [InlineData("""{"jobId":"{toy}","format":"gif"}""", "format")]
    [InlineData("""{"jobId":"{toy}","count":0}""", "count")]
    [InlineData("""{"jobId":"{toy}","count":5001}""", "count")]
    [InlineData("""{"jobId":"{toy}","truncation":0.01}""", "truncation")]
    [InlineData("""{"jobId":"{toy}","latents":[[0.1,0.2]],"seed":3}""", "seed")]
    [InlineData("""{"jobId":"{toy}","latents":[[0.1,0.2]],"count":2}""", "count")]
    [InlineData("""{"jobId":"{toy}","latents":[[0.1,0.2]],"truncation":1}""", "truncation")]
    [InlineData("""{"jobId":"{toy}","latents":[]}""", "latents")]
    [InlineData("""{"jobId":"{toy}","latents":[[0.1,0.2],[0.3]]}""", "latents[1]")]
    [InlineData("""{"jobId":"{toy}","latents":[[0.1,0.2]],"interpolate":{"from":1,"to":2,"steps":3}}""", "interpolate")]
    [InlineData("""{"jobId":"{toy}","interpolate":{"from":1,"steps":3}}""", "interpolate.to")]
    [InlineData("""{"jobId":"{toy}","interpolate":{"from":1,"to":2,"steps":1}}""", "interpolate.steps")]
    [InlineData("""{"jobId":"{toy}","interpolate":{"from":1,"to":2,"steps":3},"count":3}""", "count")]
    [InlineData("""{"jobId":"{toy}","interpolate":{"from":1,"to":2,"steps":3},"seed":3}""", "seed")]
    [InlineData("""{"jobId":"{image}","latents":[[0.1,0.2]]}""", "latents[0]")]
    public async Task InvalidCombination_Is400_NamingTheField(string body, string field)
    {
        var json = body.Replace("{toy}", trained.ToyJob.ToString()).Replace("{image}", trained.ImageJob.ToString());
        var response = await Client.PostAsync("/generate", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task UnknownJob_Is404()
    {
        var response = await Client.PostAsJsonAsync("/generate", new { jobId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-4f);
    }
}
