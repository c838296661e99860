using System.Diagnostics;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Jobs;
using Xunit.Abstractions;

namespace WganService.Api.Tests.Reliability;

/// <summary>Real Worker processes stopped the two ways hosts stop them: SIGTERM (graceful) and SIGKILL, again and again.</summary>
[Collection("postgres")]
public sealed class WorkerLifecycleTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Sigterm_CheckpointsAndHandsTheJobBack_AndTheNextWorkerResumesWhereItStopped()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        var job = await client.SubmitAsync(new
        {
            dataset = "8gaussians", variant = "wgan-gp",
            hyperparameters = new { generatorSteps = 240, batchSize = 32, seed = 4, metricsEvery = 10, checkpointEvery = 1000 },
        });
        var first = WorkerProcess.Start(database);
        await using var disposeFirst = first;
        await api.Services.WaitForJobAsync(job.Id, j => j.GeneratorStep >= 30, TimeSpan.FromMinutes(3));

        first.Terminate();
        var stopping = Stopwatch.GetTimestamp();
        Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(35)),
            $"The worker did not stop within its shutdown timeout:\n{first.Output}");
        var stoppedIn = Stopwatch.GetElapsedTime(stopping);

        // Handed back, not abandoned: queued again with a checkpoint at the very step it stopped at.
        var handedBack = await api.Services.JobAsync(job.Id);
        Assert.True((JobStatus.Queued, 0, (string?)null) == (handedBack.Status, handedBack.AbandonedAttempts, handedBack.LeaseOwner),
            $"{handedBack.Status}, abandoned {handedBack.AbandonedAttempts}, lease {handedBack.LeaseOwner}; " +
            $"the worker's log:\n{first.Output}");
        var checkpoint = await api.Services.CheckpointStepAsync(job.Id);
        Assert.Equal(handedBack.GeneratorStep, checkpoint);
        Assert.True(checkpoint is > 0 and < 240, $"Checkpoint at {checkpoint}.");

        await using var second = WorkerProcess.Start(database);
        var finished = await second.ExplainAsync(client.WaitUntilFinishedAsync(job.Id, TimeSpan.FromMinutes(5)));
        Assert.True(finished.Status == JobStatus.Succeeded, $"{finished.Status} {finished.Error}\n{second.Output}");
        Assert.Equal(checkpoint, second.ResumedFrom(job.Id));
        output.WriteLine($"SIGTERM at step {checkpoint}: worker exited in {stoppedIn.TotalSeconds:F1} s; " +
            $"the next worker resumed from step {checkpoint}");
    }

    [Fact]
    public async Task JobThatKillsEveryWorker_FailsAfterThreeAttempts_AndTheFleetCarriesOn()
    {
        // A short lease, so that three deaths fit in a test; the mechanism is the one of the defaults.
        var settings = new Dictionary<string, string>
        {
            ["Training__LeaseDuration"] = "00:00:04", ["Training__LeaseSweepInterval"] = "00:00:01",
        };
        var database = await postgres.CreateDatabaseAsync();
        var factory = WganApiFactory.ServerMode(database, trainInApi: false);
        foreach (var (key, value) in settings) factory.Settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        await using var api = factory;
        using var client = api.CreateClient();
        var poison = await client.SubmitAsync(new
        {
            name = "poison", dataset = "8gaussians", variant = "wgan-gp",
            hyperparameters = new { generatorSteps = 100_000, batchSize = 32, seed = 1 },
        });
        var healthy = await client.SubmitAsync(ApiClient.QuickJob(steps: 20));

        // Each worker that picks the job up dies with it, as it would from a native abort in libtorch.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await using var worker = WorkerProcess.Start(database, settings);
            var marker = $"/{worker.Id}/";
            await api.Services.WaitForJobAsync(poison.Id, j => j.LeaseOwner?.Contains(marker, StringComparison.Ordinal) == true,
                TimeSpan.FromMinutes(2));
            await worker.KillAsync();
            var expected = attempt < 3 ? JobStatus.Queued : JobStatus.Failed;
            var after = await api.Services.WaitForJobAsync(poison.Id, j => j.Status != JobStatus.Running, TimeSpan.FromSeconds(30));
            Assert.Equal((expected, attempt), (after.Status, after.AbandonedAttempts));
        }

        var failed = await client.GetJobAsync(poison.Id);
        Assert.Contains("3 times the worker training this job stopped", failed.Error, StringComparison.Ordinal);
        await using var survivor = WorkerProcess.Start(database, settings);
        var done = await survivor.ExplainAsync(client.WaitUntilFinishedAsync(healthy.Id, TimeSpan.FromMinutes(3)));
        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.DoesNotContain($"Training job {poison.Id}", survivor.Output, StringComparison.Ordinal);
        output.WriteLine($"poison job failed with: {failed.Error}");
    }
}
