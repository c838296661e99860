using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Generation;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Persistence;

namespace WganService.Api.Tests.Generation;

public sealed class GeneratorCacheTests : EmbeddedApiTest
{
    private GeneratorCache Cache => Factory.Services.GetRequiredService<GeneratorCache>();

    [Fact]
    public async Task Weights_AreLoadedOnce_AndReloadedWhenTheJobsBestGeneratorChanges()
    {
        var job = (await Client.SubmitAsync(ApiClient.QuickJob(steps: 20))).Id;
        var other = (await Client.SubmitAsync(new { dataset = "8gaussians", variant = "wgan-gp", hyperparameters = new { generatorSteps = 20, batchSize = 32, seed = 6 } })).Id;
        await Client.WaitUntilFinishedAsync(job);
        await Client.WaitUntilFinishedAsync(other);
        var first = await Client.GenerateAsync(new { jobId = job, count = 16, seed = 1 });
        await Client.GenerateAsync(new { jobId = job, count = 16, seed = 2 });
        var loads = Cache.Usage.Loads;

        // What a still-training job does when an evaluation finds a better generator: the row is replaced.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
            var newer = await db.Artifacts.SingleAsync(a => a.JobId == other && a.Kind == ArtifactKinds.FinalGenerator);
            var best = await db.Artifacts.SingleAsync(a => a.JobId == job && a.Kind == ArtifactKinds.BestGenerator);
            (best.Data, best.GeneratorStep, best.CreatedAt) = (newer.Data, 777, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var refreshed = await Client.GenerateAsync(new { jobId = job, count = 16, seed = 1 });
        var expected = await Client.GenerateAsync(new { jobId = other, count = 16, seed = 1, checkpoint = "final" });

        Assert.Equal(1, loads);
        Assert.Equal(777, refreshed.GeneratorStep);
        Assert.NotEqual(first.Samples.SelectMany(s => s), refreshed.Samples.SelectMany(s => s));
        Assert.Equal(expected.Samples.SelectMany(s => s), refreshed.Samples.SelectMany(s => s));
        Assert.Equal(2, Cache.Usage.Count); // The job's new best and the other job's final: the old best is gone.
    }

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
        var job = await Client.SubmitAsync(new { dataset = "8gaussians", variant = "wgan-gp", hyperparameters = new { generatorSteps = 1_000_000 } });

        var response = await Client.PostAsJsonAsync("/generate", new { jobId = job.Id, checkpoint = "final" });

        await Problem.AssertAsync(response, HttpStatusCode.Conflict);
        await Client.PostAsync($"/jobs/{job.Id}/cancel", null);
        await Client.WaitUntilFinishedAsync(job.Id);
    }
}
