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
        LogStarted(job.Id, job.Dataset, JobSpecResolver.VariantName(job.Variant), ComputeDevice.Describe(device), h.GeneratorSteps);
        var session = new TrainingSession(db, clock, options.Value, logger);
        if (await session.RunAsync(job, device, cancellationToken))
        {
            LogSucceeded(job.Id, job.GeneratorStep);
            return;
        }
        job.MarkCancelled(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        LogCancelled(job.Id, job.GeneratorStep);
    }

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
