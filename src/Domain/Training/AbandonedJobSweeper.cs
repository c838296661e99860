using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;

namespace WganService.Domain.Training;

/// <summary>
/// Notices jobs whose worker died: a running job whose lease ran out (no flush for a whole lease) is
/// queued again to resume from its last checkpoint on the next free worker, or failed once workers
/// have died on it too often (<see cref="Job.Abandon"/>). Runs in every process that trains; when
/// several sweep at once, the job row's concurrency check lets exactly one of them act.
/// </summary>
public sealed partial class AbandonedJobSweeper(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<TrainingOptions> options, ILogger<AbandonedJobSweeper> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        SweepLoop.RunAsync(SweepAsync, options.Value.LeaseSweepInterval, clock, LogDatabaseUnavailable, stoppingToken);

    /// <returns>How many abandoned jobs were found (and queued again or failed).</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
        var enqueuer = scope.ServiceProvider.GetRequiredService<JobEnqueuer>();
        var now = clock.GetUtcNow();
        var abandoned = await db.Jobs
            .Where(j => j.Status == JobStatus.Running && (j.LeaseExpiresAt == null || j.LeaseExpiresAt < now))
            .ToListAsync(cancellationToken);
        foreach (var job in abandoned)
        {
            var lastOwner = job.LeaseOwner;
            var requeued = job.Abandon(options.Value.MaxAbandonedAttempts, now);
            // Enqueue before saving: if another sweeper wins the save, the spare Hangfire job finds the job
            // taken and does nothing; the other order could leave a queued job with nothing to run it.
            if (requeued) enqueuer.Enqueue(job);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                LogAbandoned(job.Id, lastOwner, job.GeneratorStep, requeued ? "queued again" : "failed", job.AbandonedAttempts);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear(); // Another sweeper (or the worker itself, back in time) got there first.
            }
        }
        return abandoned.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Job {JobId}: worker {LeaseOwner} stopped renewing its lease at generator step {Step}; " +
        "{Outcome} (abandoned {AbandonedAttempts} times)")]
    private partial void LogAbandoned(Guid jobId, string? leaseOwner, int step, string outcome, int abandonedAttempts);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Abandoned-job sweep skipped: the database is unreachable")]
    private partial void LogDatabaseUnavailable(Exception exception);
}
