using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Jobs;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using Xunit.Abstractions;

namespace WganService.Api.Tests.Reliability;

/// <summary>
/// Real Worker processes against PostgreSQL, killed (SIGKILL) mid-job: the job resumes from its last
/// checkpoint on the next worker, without anyone's help, and ends exactly as an uninterrupted run.
/// </summary>
[Collection("postgres")]
public sealed class WorkerCrashTests(PostgresServer postgres, ITestOutputHelper output)
{
    /// <summary>
    /// Checkpoints every 33 steps, so a kill after step 90 resumes from 66 or 99: between two metric rows and
    /// between two evaluations, whose running means the checkpoint must carry for the rows to come out the same.
    /// </summary>
    private static object Spec(string name) => new
    {
        name, dataset = "8gaussians", variant = "wgan-gp",
        hyperparameters = new { generatorSteps = 240, batchSize = 32, seed = 11, metricsEvery = 10, evaluateEvery = 40,
            checkpointEvery = 33 },
    };

    [Fact]
    public async Task KilledWorker_ItsJobResumesFromTheLastCheckpoint_OnTheNextWorker_AndEndsAsAnUninterruptedRun()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        var first = WorkerProcess.Start(database);
        await using var disposeFirst = first;

        // The yardstick: the same spec and seed, trained without interruption by the same kind of worker.
        var reference = await client.SubmitAsync(Spec("uninterrupted"));
        Assert.Equal(JobStatus.Succeeded, (await client.WaitUntilFinishedAsync(reference.Id, TimeSpan.FromMinutes(5))).Status);

        var job = await client.SubmitAsync(Spec("killed mid-run"));
        await api.Services.WaitForJobAsync(job.Id, j => j.GeneratorStep >= 90, TimeSpan.FromMinutes(2));
        var checkpoint = await api.Services.CheckpointStepAsync(job.Id);
        await first.KillAsync();
        var killedAt = Stopwatch.GetTimestamp();
        var atKill = (await api.Services.JobAsync(job.Id)).GeneratorStep;
        Assert.True(atKill < 240, "The job finished before the kill; nothing was tested.");

        await using var second = WorkerProcess.Start(database);
        // Nobody tells the service the worker died: its lease runs out and the job goes back to the queue.
        var requeued = await api.Services.WaitForJobAsync(job.Id, j => j.Status != JobStatus.Running, TimeSpan.FromSeconds(60));
        var detected = Stopwatch.GetElapsedTime(killedAt);
        var finished = await second.ExplainAsync(client.WaitUntilFinishedAsync(job.Id, TimeSpan.FromMinutes(5)));
        var resumed = Stopwatch.GetElapsedTime(killedAt);

        Assert.True(finished.Status == JobStatus.Succeeded, $"{finished.Status} {finished.Error}\n{second.Output}");
        Assert.Equal(1, requeued.AbandonedAttempts);
        Assert.True(detected < TimeSpan.FromSeconds(45), $"The dead worker was noticed only after {detected}.");
        // Not from step 0: from the checkpoint stored before the kill (or a later one written as it died).
        var resumedFrom = second.ResumedFrom(job.Id);
        Assert.True(resumedFrom >= checkpoint && resumedFrom <= atKill,
            $"Resumed from {resumedFrom}; checkpoint {checkpoint}, killed at {atKill}.");
        output.WriteLine($"killed at step {atKill}; requeued after {detected.TotalSeconds:F1} s; resumed from step {resumedFrom} " +
                         $"({atKill - resumedFrom} steps trained again); finished {resumed.TotalSeconds:F1} s after the kill");

        // One row per step, none lost, none twice, and every figure as the uninterrupted run had it.
        var expected = await MetricsAsync(client, reference.Id);
        var actual = await MetricsAsync(client, job.Id);
        Assert.Equal(Enumerable.Range(1, 24).Select(i => i * 10), actual.Select(m => m.GeneratorStep));
        Assert.Equal(expected.Select(Figures), actual.Select(Figures));
        var expectedEvaluations = await client.GetFromJsonAsync<EvaluationListResponse>($"/jobs/{reference.Id}/evaluations",
            ApiClient.Json);
        var actualEvaluations = await client.GetFromJsonAsync<EvaluationListResponse>($"/jobs/{job.Id}/evaluations", ApiClient.Json);
        // The 200-step training W too: its window, carried in the checkpoint, spans the kill.
        Assert.Equal(expectedEvaluations!.Items.Select(EvaluationFigures), actualEvaluations!.Items.Select(EvaluationFigures));
        var uninterrupted = await client.GetJobAsync(reference.Id);
        Assert.Equal(
            (uninterrupted.WassersteinSwdSpearman, uninterrupted.TrainingWassersteinSwdSpearman),
            (finished.WassersteinSwdSpearman, finished.TrainingWassersteinSwdSpearman));

        // The final generator is the uninterrupted run's, to the last bit.
        var fromReference = await client.GenerateAsync(new { jobId = reference.Id, count = 64, seed = 3, checkpoint = "final" });
        var fromResumed = await client.GenerateAsync(new { jobId = job.Id, count = 64, seed = 3, checkpoint = "final" });
        Assert.Equal(fromReference.Samples.SelectMany(s => s), fromResumed.Samples.SelectMany(s => s));
    }

    [Fact]
    public async Task SecondDeliveryOfARunningJob_IsRefusedByItsLease()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        await using var first = WorkerProcess.Start(database);
        var job = await client.SubmitAsync(Spec("delivered twice"));
        await api.Services.WaitForJobAsync(job.Id, j => j.GeneratorStep > 0, TimeSpan.FromMinutes(2));

        // As Hangfire does when it takes a slow worker for dead: the same job handed to a second worker.
        await using var second = WorkerProcess.Start(database);
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
            scope.ServiceProvider.GetRequiredService<Domain.Training.JobEnqueuer>().Enqueue(await db.Jobs.SingleAsync(j => j.Id == job.Id));
        }
        var finished = await client.WaitUntilFinishedAsync(job.Id);

        Assert.True(finished.Status == JobStatus.Succeeded, $"{finished.Status} {finished.Error}");
        var logs = first.Output + second.Output;
        Assert.Equal(1, Count(logs, $"Training job {job.Id}"));
        Assert.Contains($"Job {job.Id} not run: trained by", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerThatLostItsLease_WritesNothingMore_NotEvenACheckpoint()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        await using var worker = WorkerProcess.Start(database);
        var job = await client.SubmitAsync(Spec("taken over"));
        await api.Services.WaitForJobAsync(job.Id, j => j.GeneratorStep >= 50, TimeSpan.FromMinutes(2));

        // Another worker takes the job over, as after this one was cut off from the database past its lease.
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
            await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.LeaseOwner, "another-worker").SetProperty(j => j.LeaseExpiresAt, DateTimeOffset.UtcNow.AddHours(1)));
        }
        var (metricsAtTakeover, checkpointAtTakeover) = (await api.Services.MaxMetricStepAsync(job.Id),
            await api.Services.CheckpointStepAsync(job.Id));
        await worker.WaitForOutputAsync($"Job {job.Id} lost its lease", TimeSpan.FromSeconds(30));

        var after = await api.Services.JobAsync(job.Id);
        Assert.Equal(("another-worker", JobStatus.Running), (after.LeaseOwner, after.Status));
        Assert.Equal(metricsAtTakeover, await api.Services.MaxMetricStepAsync(job.Id));
        Assert.Equal(checkpointAtTakeover, await api.Services.CheckpointStepAsync(job.Id));
        Assert.False(worker.HasExited, "Losing a job must not take the worker down.");
    }

    private static async Task<IReadOnlyList<MetricResponse>> MetricsAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<MetricListResponse>($"/jobs/{id}/metrics?limit=1000", ApiClient.Json))!.Items;

    /// <summary>What training computed (not when, nor how fast).</summary>
    private static (int, double, double, double, double?, double) Figures(MetricResponse m) =>
        (m.GeneratorStep, m.CriticLoss, m.GeneratorLoss, m.WassersteinEstimate, m.GradientPenalty, m.CriticGradientNorm);

    private static (int, double, int?, double?, double?, double?) EvaluationFigures(EvaluationResponse e) =>
        (e.GeneratorStep, e.SlicedWasserstein, e.ModesCovered, e.HighQualityRatio, e.WassersteinEstimate, e.TrainingWassersteinMean);

    private static int Count(string text, string what) => text.Split('\n').Count(l => l.Contains(what, StringComparison.Ordinal));
}
