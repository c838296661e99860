using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WganService.Domain.Datasets;
using WganService.Domain.Gan;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using static TorchSharp.torch;

namespace WganService.Domain.Training;

/// <summary>
/// The Hangfire job that trains one WGAN job. It takes an id, reads everything else from the
/// database, writes everything it produces back there, and is safe to run again: a finished or
/// cancelled job is left alone, and a restarted one starts over with its old metric rows removed.
/// </summary>
public sealed partial class TrainingJobRunner(
    WganDbContext db, TimeProvider clock, IOptions<TrainingOptions> options, ILogger<TrainingJobRunner> logger)
{
    // An hour-long job that failed for a reason in its spec would fail again: no automatic retries.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Train job {0}")]
    public async Task RunAsync(Guid jobId, CancellationToken cancellationToken)
    {
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = jobId });
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || job.Status.IsFinished())
        {
            LogSkipped(jobId, job?.Status.ToString() ?? "missing");
            return;
        }
        if (await TryStartAsync(job, cancellationToken) is not { } device) return;

        try
        {
            await TrainAsync(job, device, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is shutting down: hand the job back so it runs again (Hangfire re-queues it;
            // embedded mode re-enqueues queued jobs at start-up).
            db.ChangeTracker.Clear();
            var current = await db.Jobs.SingleAsync(j => j.Id == jobId, CancellationToken.None);
            if (current.Status == JobStatus.Running) current.Requeue();
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, jobId);
            db.ChangeTracker.Clear();
            var current = await db.Jobs.SingleAsync(j => j.Id == jobId, CancellationToken.None);
            if (!current.Status.IsFinished()) current.Fail(e.Message, clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <returns>The device to train on, or null when the job must not run (cancelled, impossible, or taken).</returns>
    private async Task<Device?> TryStartAsync(Job job, CancellationToken cancellationToken)
    {
        try
        {
            if (job.CancelRequested)
            {
                job.MarkCancelled(clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }
            Device device;
            try
            {
                device = ComputeDevice.Select(job.RequestedDevice);
            }
            catch (InvalidOperationException e)
            {
                job.Fail(e.Message, clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }
            job.Start(ComputeDevice.Describe(device), clock.GetUtcNow());
            job.ReportProgress(0);
            await db.SaveChangesAsync(cancellationToken);
            // Training starts over from step 0, so rows from an interrupted run would be duplicates.
            await db.Metrics.Where(m => m.JobId == job.Id).ExecuteDeleteAsync(cancellationToken);
            return device;
        }
        catch (DbUpdateConcurrencyException)
        {
            LogSkipped(job.Id, "changed by another writer (cancelled meanwhile)");
            return null;
        }
    }

    private async Task TrainAsync(Job job, Device device, CancellationToken cancellationToken)
    {
        var h = job.Hyperparameters;
        var data = DatasetCatalog.Find(job.Dataset) ?? throw new InvalidOperationException($"Dataset '{job.Dataset}' does not exist.");
        var (generator, critic) = GanNetworks.CreatePair(job.Architecture, h, data, device);
        using var disposeNetworks = new CompositeDisposable(generator, critic);
        using var random = new Generator((ulong)h.Seed, device);
        using var trainer = new WganTrainer(generator, critic, DatasetCatalog.OpenForTraining(job.Dataset, random, device), random, job.Variant, h, device);
        LogStarted(job.Id, job.Dataset, JobSpecResolver.VariantName(job.Variant), ComputeDevice.Describe(device), h.GeneratorSteps);

        var window = new MetricWindow(job.Id, h.BatchSize * h.CriticSteps);
        var nextFlush = clock.GetUtcNow() + options.Value.FlushInterval;
        while (trainer.GeneratorStep < h.GeneratorSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = trainer.Step();
            window.Add(step);
            var last = step.GeneratorStep == h.GeneratorSteps;
            if (step.GeneratorStep % h.MetricsEvery == 0 || last) db.Metrics.Add(window.Close(step, clock.GetUtcNow()));
            if (clock.GetUtcNow() < nextFlush && !last) continue;

            job.ReportProgress(step.GeneratorStep);
            await db.SaveChangesAsync(cancellationToken);
            nextFlush = clock.GetUtcNow() + options.Value.FlushInterval;
            if (await CancelRequestedAsync(job.Id, cancellationToken))
            {
                job.MarkCancelled(clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                LogCancelled(job.Id, step.GeneratorStep);
                return;
            }
        }

        db.Artifacts.Add(new Artifact
        {
            JobId = job.Id, Kind = ArtifactKinds.FinalGenerator, GeneratorStep = trainer.GeneratorStep,
            Data = GeneratorWeights.Save(generator), CreatedAt = clock.GetUtcNow(),
        });
        job.Succeed(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        LogSucceeded(job.Id, trainer.GeneratorStep);
    }

    private Task<bool> CancelRequestedAsync(Guid jobId, CancellationToken cancellationToken) =>
        db.Jobs.AsNoTracking().Where(j => j.Id == jobId).Select(j => j.CancelRequested).SingleAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training job {JobId} on {Dataset} with {Variant} on {Device} for {Steps} generator steps")]
    private partial void LogStarted(Guid jobId, string dataset, string variant, string device, int steps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} succeeded after {Steps} generator steps")]
    private partial void LogSucceeded(Guid jobId, int steps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} cancelled at generator step {Step}")]
    private partial void LogCancelled(Guid jobId, int step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} not run: {Reason}")]
    private partial void LogSkipped(Guid jobId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed")]
    private partial void LogFailed(Exception exception, Guid jobId);
}
