using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;

namespace WganService.Domain.Training;

/// <summary>
/// Notices queued jobs that nothing will run, and enqueues them again. A job gets there when its row
/// was inserted but Hangfire's copy never was (the database went away between the two, or the Api
/// died), or when Hangfire's copy ended without starting it (a worker that could not read the job
/// during an outage fails it, and training jobs have no automatic retries). Runs in every process
/// that sweeps for abandoned jobs; when several sweep at once, one of them records its Hangfire job
/// and the others delete theirs. A spare that survives is harmless: a run starts only a queued job.
/// </summary>
public sealed partial class StrandedJobSweeper(
    IServiceScopeFactory scopes, JobStorage hangfire, TimeProvider clock, IOptions<TrainingOptions> options, ILogger<StrandedJobSweeper> logger) : BackgroundService
{
    private static readonly HashSet<string> LiveStates =
        [EnqueuedState.StateName, ProcessingState.StateName, ScheduledState.StateName, AwaitingState.StateName];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        SweepLoop.RunAsync(SweepAsync, options.Value.LeaseSweepInterval, clock, LogDatabaseUnavailable, stoppingToken);

    /// <returns>How many stranded jobs this sweep enqueued again.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
        var enqueuer = scope.ServiceProvider.GetRequiredService<JobEnqueuer>();
        // POST /jobs records Hangfire's id just after inserting the job: leave it that moment.
        var unrecordedBefore = clock.GetUtcNow() - options.Value.StrandedAfter;
        var queued = await db.Jobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Queued && (j.BackgroundJobId != null || j.CreatedAt < unrecordedBefore))
            .Select(j => new { j.Id, j.BackgroundJobId })
            .ToListAsync(cancellationToken);
        if (queued.Count == 0) return 0;

        using var connection = hangfire.GetConnection();
        var requeued = 0;
        foreach (var job in queued)
        {
            if (job.BackgroundJobId is { } known && IsLive(connection.GetJobData(known))) continue;
            var replacement = enqueuer.Enqueue(job.Id);
            // Recorded only over the id this sweep judged dead: another sweeper (or a worker that
            // started or handed back the job) changed the row meanwhile, and its Hangfire job stands.
            var recorded = await db.Jobs
                .Where(j => j.Id == job.Id && j.Status == JobStatus.Queued && j.BackgroundJobId == job.BackgroundJobId)
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.BackgroundJobId, replacement), cancellationToken);
            if (recorded == 0)
            {
                enqueuer.Forget(replacement);
                continue;
            }
            requeued++;
            LogRequeued(job.Id, job.BackgroundJobId ?? "none", replacement);
        }
        return requeued;
    }

    private static bool IsLive(JobData? hangfireJob) => hangfireJob?.State is { } state && LiveStates.Contains(state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} was queued with nothing to run it (Hangfire job {Dead}); enqueued again as {Replacement}")]
    private partial void LogRequeued(Guid jobId, string dead, string replacement);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stranded-job sweep skipped: the database is unreachable")]
    private partial void LogDatabaseUnavailable(Exception exception);
}
