using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Generation;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Gan;
using WganService.Domain.Persistence;

namespace WganService.Api.Tests.Generation;

public sealed class GeneratorCacheTests : EmbeddedApiTest
{
    [Fact]
    public async Task OverTheMemoryBudget_TheLeastRecentlyUsedGeneratorIsDropped_AndReloadedOnDemand()
    {
        // An MLP generator's weights are ~2 MB: the budget holds one.
        await using var factory = WganApiFactory.Embedded();
        factory.Settings["Generation:CacheBytes"] = (3 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var client = factory.CreateClient();
        var cache = factory.Services.GetRequiredService<GeneratorCache>();
        var a = (await client.SubmitAsync(ApiClient.QuickJob(steps: 4))).Id;
        var b = (await client.SubmitAsync(ApiClient.QuickJob(steps: 4))).Id;
        await client.WaitUntilFinishedAsync(a);
        await client.WaitUntilFinishedAsync(b);

        var fromA = await client.GenerateAsync(new { jobId = a, count = 4, seed = 1 });
        await client.GenerateAsync(new { jobId = b, count = 4, seed = 1 });
        Assert.Equal(1, cache.Usage.Count);
        Assert.InRange(cache.Usage.Bytes, 1, 3 * 1024 * 1024);
        var againA = await client.GenerateAsync(new { jobId = a, count = 4, seed = 1 });

        Assert.Equal(3, cache.Usage.Loads);
        Assert.Equal(fromA.Samples.SelectMany(s => s), againA.Samples.SelectMany(s => s));
    }

    [Fact]
    public async Task JobWithoutTheAskedGenerator_Is409()
    {
        var job = await Client.SubmitAsync(
            new { dataset = "8gaussians", variant = "wgan-gp", hyperparameters = new { generatorSteps = 1_000_000 } });

        var response = await Client.PostAsJsonAsync("/generate", new { jobId = job.Id, checkpoint = "final" });

        await Problem.AssertAsync(response, HttpStatusCode.Conflict);
        await Client.PostAsync($"/jobs/{job.Id}/cancel", null);
        await Client.WaitUntilFinishedAsync(job.Id);
    }
}

/// <summary>
/// A job still training replaces its best generator as evaluations improve; /generate must follow.
/// Server mode with no worker anywhere keeps the job queued, so the test plays the remote worker and
/// writes the artifacts itself, deterministically.
/// </summary>
[Collection("postgres")]
public sealed class GeneratorRefreshTests(PostgresServer postgres)
{
    [Fact]
    public async Task WeightsAreLoadedOnce_AndReloadedWhenATrainingJobsBestGeneratorChanges()
    {
        await using var factory = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: false);
        using var client = factory.CreateClient();
        var job = (await client.SubmitAsync(ApiClient.QuickJob(steps: 20))).Id;
        var cache = factory.Services.GetRequiredService<GeneratorCache>();
        await StoredGenerators.WriteAsync(factory, job, ArtifactKinds.BestGenerator, step: 5, seed: 1);
        await StoredGenerators.WriteAsync(factory, job, ArtifactKinds.FinalGenerator, step: 10, seed: 2);

        var first = await client.GenerateAsync(new { jobId = job, count = 16, seed = 1 });
        await client.GenerateAsync(new { jobId = job, count = 16, seed = 2 });
        Assert.Equal(5, first.GeneratorStep);
        Assert.Equal(1, cache.Usage.Loads);

        await StoredGenerators.WriteAsync(factory, job, ArtifactKinds.BestGenerator, step: 10, seed: 2);
        var refreshed = await client.GenerateAsync(new { jobId = job, count = 16, seed = 1 });
        var final = await client.GenerateAsync(new { jobId = job, count = 16, seed = 1, checkpoint = "final" });

        Assert.Equal(10, refreshed.GeneratorStep);
        Assert.NotEqual(first.Samples.SelectMany(s => s), refreshed.Samples.SelectMany(s => s));
        Assert.Equal(final.Samples.SelectMany(s => s), refreshed.Samples.SelectMany(s => s));
        Assert.Equal((2, 3L), (cache.Usage.Count, cache.Usage.Loads)); // The new best and the final; the old best is gone.
    }
}
