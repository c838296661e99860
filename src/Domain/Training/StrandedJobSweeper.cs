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
/// during an outage fails it, and training jobs have no automatic retries), or when the worker that
/// took Hangfire's copy died before the job took a lease (its copy stays "processing" under a server
/// that no longer beats, and Hangfire would hand it out again only after its 5-minute invisibility
/// timeout). Runs in every process
/// that sweeps for abandoned jobs; when several sweep at once, one of them records its Hangfire job
/// and the others delete theirs. A spare that survives is harmless: a run starts only a queued job.
/// </summary>
public sealed partial class StrandedJobSweeper(
    IServiceScopeFactory scopes, JobStorage hangfire, TimeProvider clock, IOptions<TrainingOptions> options,
    ILogger<StrandedJobSweeper> logger) : BackgroundService
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
            .Select(j => new { j.Id, j.BackgroundJobId, j.SweepId, j.GeneratorStep })
            .ToListAsync(cancellationToken);
        if (queued.Count == 0) return 0;

        using var connection = hangfire.GetConnection();
        var beatingServers = new Lazy<HashSet<string>>(BeatingServers);
        var requeued = 0;
        foreach (var job in queued)
        {
            var state = job.BackgroundJobId is { } known ? connection.GetStateData(known) : null;
            if (IsLive(state, beatingServers)) continue;
            var replacement = enqueuer.Enqueue(job.Id, JobEnqueuer.QueueFor(job.SweepId, job.GeneratorStep));
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
            LogRequeued(job.Id, job.BackgroundJobId ?? "none", state?.Name ?? "none", replacement);
        }
        return requeued;
    }

    /// <summary>Whether Hangfire's copy will still run the job: a processing copy only while its server beats.</summary>
    private static bool IsLive(StateData? state, Lazy<HashSet<string>> beatingServers)
    {
        if (state?.Name is not { } name || !LiveStates.Contains(name)) return false;
        if (name != ProcessingState.StateName) return true;
        return state.Data is { } data && data.TryGetValue(ServerIdKey, out var server) && beatingServers.Value.Contains(server);
    }

    /// <summary>
    /// The Hangfire servers that beat within the last lease (training servers beat four times a lease).
    /// One that was killed keeps its row until a watchdog removes it (after 5 minutes) but stops beating.
    /// Misjudging a slow server costs a spare Hangfire job, never a second trainer: a run starts only a
    /// queued job and takes its lease.
    /// </summary>
    private HashSet<string> BeatingServers()
    {
        var silentSince = clock.GetUtcNow() - options.Value.LeaseDuration;
        return hangfire.GetMonitoringApi().Servers()
            .Where(s => s.Heartbeat is { } beat && new DateTimeOffset(DateTime.SpecifyKind(beat, DateTimeKind.Utc)) > silentSince)
            .Select(s => s.Name)
            .ToHashSet();
    }

    // The key under which Hangfire's processing state records the server that took the job.
    private const string ServerIdKey = "ServerId";

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Job {JobId} was queued with nothing to run it (Hangfire job {Dead}, {HangfireState}); enqueued again as {Replacement}")]
    private partial void LogRequeued(Guid jobId, string dead, string hangfireState, string replacement);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stranded-job sweep skipped: the database is unreachable")]
    private partial void LogDatabaseUnavailable(Exception exception);
}
