using System.Diagnostics;
using System.Net.Http.Json;
using System.Net;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Jobs;
using Xunit.Abstractions;

namespace WganService.Api.Tests.Reliability;

public sealed class CancelTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunningJob_StopsWithinFiveSecondsOfCancel_KeepingItsCheckpointAndBestGenerator()
    {
        var factory = WganApiFactory.Embedded();
        factory.Settings["Training:FlushInterval"] = "00:00:00.5"; // the default, not the tests' faster one
        await using var api = factory;
        using var client = api.CreateClient();
        var job = await client.SubmitAsync(new
        {
            dataset = "8gaussians", variant = "wgan-gp",
            hyperparameters = new { generatorSteps = 100_000, batchSize = 32, seed = 2, evaluateEvery = 20, checkpointEvery = 20 },
        });
        await api.Services.WaitForJobAsync(job.Id, j => j.GeneratorStep >= 45, TimeSpan.FromMinutes(2));

        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/jobs/{job.Id}/cancel", null)).StatusCode);
        var cancelled = await client.WaitUntilAsync(job.Id, j => j.Status.IsFinished(), TimeSpan.FromSeconds(30));
        clock.Stop();

        Assert.Equal(JobStatus.Cancelled, cancelled.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Stopped {clock.Elapsed} after the cancel.");
        Assert.True(await api.Services.CheckpointStepAsync(job.Id) >= 40);
        var best = await client.GenerateAsync(new { jobId = job.Id, count = 4, seed = 1, checkpoint = "best" });
        Assert.Equal(4, best.Samples.Length);
        output.WriteLine($"cancel → cancelled in {clock.Elapsed.TotalMilliseconds:F0} ms (flush every 0.5 s)");
    }
}
