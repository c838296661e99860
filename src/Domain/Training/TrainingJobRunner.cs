using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WganService.Gan;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using static TorchSharp.torch;

namespace WganService.Domain.Training;

/// <summary>
/// The Hangfire job that trains one WGAN job. It takes an id, reads everything else from the
/// database, writes everything it produces back there, and is safe to run again: a finished,
/// cancelled or (by a live lease) taken job is left alone, and an interrupted one resumes from its
/// last checkpoint.
/// </summary>
public sealed partial class TrainingJobRunner(
    WganDbContext db, JobEnqueuer enqueuer, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider clock,
    IOptions<TrainingOptions> options, SweepDecisions sweeps, ILogger<TrainingJobRunner> logger)
{
    // An hour-long job that failed for a reason in its spec would fail again: no automatic retries.
    // A worker that dies is a different matter: AbandonedJobSweeper queues its job again.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Train job {0}")]
    public async Task RunAsync(Guid jobId, CancellationToken cancellationToken)
    {
        // The host's stop signal, not only Hangfire's token: Hangfire cancels its token only when its
        // stop timeout runs out, and from then on no longer runs this job's continuations, so a
        // hand-back started then would hang. The stop signal comes first, with time to checkpoint.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        cancellationToken = stopping.Token;
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = jobId });
        // One lease per run, so that even a second delivery to this same process is told apart.
        var leaseOwner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        if (await TryStartAsync(jobId, leaseOwner, cancellationToken) is not { } started) return;
        var (job, device) = started;

        await using var heartbeat = new LeaseHeartbeat(scopes, clock, jobId, leaseOwner, options.Value.LeaseDuration, logger);
        try
        {
            await TrainAsync(job, device, leaseOwner, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saves of the job row check the lease: another worker took the job over (this one was cut
            // off past its lease and presumed dead). Everything from here on is that worker's to write.
            LogLeaseLost(jobId, leaseOwner);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is shutting down and the session saved a checkpoint: hand the job back, queued
            // anew, so that the next free worker resumes it (this run ends normally; embedded mode's
            // in-memory queue is rebuilt from the jobs table at the next start).
            await ReleaseAsync(jobId, leaseOwner, j =>
            {
                j.Requeue();
                enqueuer.Enqueue(j);
            });
            LogHandedBack(jobId, job.GeneratorStep);
        }
        catch (Exception e) when (TransientDatabaseErrors.IsTransient(e))
        {
            // The database went away while the job was being set up (loading its dataset or checkpoint; the
            // training loop itself rides out outages): no fault of the job's, so it must not fail. Hand it
            // back to resume from its checkpoint; if the database is still away, the lease runs out and
            // AbandonedJobSweeper queues it again.
            LogSetupInterrupted(e, jobId);
            try
            {
                await ReleaseAsync(jobId, leaseOwner, j =>
                {
                    j.Requeue();
                    enqueuer.Enqueue(j);
                });
            }
            catch (Exception again) when (TransientDatabaseErrors.IsTransient(again))
            {
                LogSetupInterrupted(again, jobId);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, jobId);
            await ReleaseAsync(jobId, leaseOwner, j => j.Fail(e.Message, clock.GetUtcNow()));
        }
        // A trial that ended (or failed) may end its sweep or let others go on; SweepSettler catches up if this fails.
        if (job.SweepId is { } sweepId && !cancellationToken.IsCancellationRequested) await sweeps.SettleQuietlyAsync(sweepId);
    }

    /// <returns>The job and the device to train on, or null when it must not run here (finished,
    /// cancelled, impossible, trained elsewhere, or abandoned too often).</returns>
    private async Task<(Job Job, Device Device)?> TryStartAsync(Guid jobId, string leaseOwner, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        var now = clock.GetUtcNow();
        if (job is null || job.Status.IsFinished())
        {
            LogSkipped(jobId, job?.Status.ToString() ?? "missing");
            return null;
        }
        if (job.IsLeased(now))
        {
            // Hangfire delivered it twice (its copy became visible again while the worker holding it was
            // slow to heartbeat): the holder is alive and renewing, so leave the job to it.
            LogSkipped(jobId, $"trained by {job.LeaseOwner}");
            return null;
        }
        try
        {
            if (job.Status == JobStatus.Running && !job.Abandon(options.Value.MaxAbandonedAttempts, now))
            {
                await db.SaveChangesAsync(cancellationToken);
                LogGaveUp(jobId, job.AbandonedAttempts);
                return null;
            }
            if (job.CancelRequested)
            {
                job.MarkCancelled(now);
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
                job.Fail(e.Message, now);
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }
            job.Start(ComputeDevice.Describe(device), leaseOwner, now, options.Value.LeaseDuration);
            await db.SaveChangesAsync(cancellationToken);
            if (job.SweepId is { } sweepId) await SweepDecisions.MarkRunningAsync(db, sweepId, cancellationToken);
            return (job, device);
        }
        catch (DbUpdateConcurrencyException)
        {
            LogSkipped(jobId, "changed by another writer meanwhile (cancelled, or taken by another worker)");
            return null;
        }
    }

    private async Task TrainAsync(Job job, Device device, string leaseOwner, CancellationToken cancellationToken)
    {
        var h = job.Hyperparameters;
        TrialRungs? rungs = null;
        if (job.SweepId is { } sweepId)
        {
            rungs = await sweeps.OpenTrialAsync(db, job.Id, sweepId, leaseOwner, cancellationToken);
            if (rungs is null)
            {
                LogEndedBySweep(job.Id, job.GeneratorStep);
                return;
            }
        }
        LogStarted(job.Id, job.Dataset, JobSpecResolver.VariantName(job.Variant), ComputeDevice.Describe(device), h.GeneratorSteps);
        var session = new TrainingSession(db, clock, options.Value, logger, rungs);
        var end = await session.RunAsync(job, device, cancellationToken);
        if (end == SessionEnd.Finished)
        {
            LogSucceeded(job.Id, job.GeneratorStep);
            return;
        }
        if (end == SessionEnd.EndedBySweep)
        {
            LogEndedBySweep(job.Id, job.GeneratorStep);
            return;
        }
        job.MarkCancelled(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        LogCancelled(job.Id, job.GeneratorStep);
    }

    /// <summary>Ends this run's hold on the job, if it still has it (never over another worker's lease).</summary>
    private async Task ReleaseAsync(Guid jobId, string leaseOwner, Action<Job> release)
    {
        db.ChangeTracker.Clear();
        var current = await db.Jobs.SingleAsync(j => j.Id == jobId, CancellationToken.None);
        if (current.LeaseOwner != leaseOwner || current.Status.IsFinished()) return;
        release(current);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Training job {JobId} on {Dataset} with {Variant} on {Device} for {Steps} generator steps")]
    private partial void LogStarted(Guid jobId, string dataset, string variant, string device, int steps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} succeeded after {Steps} generator steps")]
    private partial void LogSucceeded(Guid jobId, int steps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ended by its sweep at generator step {Step}")]
    private partial void LogEndedBySweep(Guid jobId, int step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} cancelled at generator step {Step}")]
    private partial void LogCancelled(Guid jobId, int step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} not run: {Reason}")]
    private partial void LogSkipped(Guid jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Job {JobId} handed back at generator step {Step} (shutting down); it resumes there on the next worker")]
    private partial void LogHandedBack(Guid jobId, int step);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Job {JobId} lost its lease {LeaseOwner}: another worker took it over; stopping without writing")]
    private partial void LogLeaseLost(Guid jobId, string leaseOwner);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Job {JobId}: the database became unreachable while the job was set up; handing it back to resume later")]
    private partial void LogSetupInterrupted(Exception exception, Guid jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed: {AbandonedAttempts} workers stopped without finishing it")]
    private partial void LogGaveUp(Guid jobId, int abandonedAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed")]
    private partial void LogFailed(Exception exception, Guid jobId);
}
