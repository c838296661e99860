using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Sweeps;

namespace WganService.Domain.Training;

/// <summary>
/// Takes a sweep's decisions (<see cref="PromotionStep"/>) against the database: reads the sweep, its trials and
/// their rung results, decides, and saves the outcome (the asking trial stopped, stopped trials queued again,
/// the sweep ended) in one save under the sweep's concurrency token. A decision that loses to another (two
/// workers at a rung at once, or a cancel) reads everything again and decides anew. Promoted trials are handed
/// to Hangfire after the save; if that fails, StrandedJobSweeper enqueues them.
/// </summary>
public sealed partial class SweepDecisions(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SweepDecisions> logger)
{
    /// <summary>Each try reads afresh; only a sweep decided on by many workers in the same moment needs more than two.</summary>
    private const int MaxAttempts = 20;

    /// <summary>
    /// Where a trial that starts (or resumes) stands in its sweep. One that completed a rung but was never judged
    /// there (its worker died in between, or the host stopped) is judged first.
    /// </summary>
    /// <returns>Its rungs, or null when the sweep ended it now (stopped at that rung, or cancelled).</returns>
    internal async Task<TrialRungs?> OpenTrialAsync(
        WganDbContext db, Guid jobId, Guid sweepId, string leaseOwner, CancellationToken cancellationToken)
    {
        var sweep = await db.Sweeps.AsNoTracking().SingleAsync(s => s.Id == sweepId, cancellationToken);
        var results = await db.SweepRungResults.AsNoTracking().Where(r => r.JobId == jobId).OrderBy(r => r.Rung)
            .ToListAsync(cancellationToken);
        Task<TrialVerdict?> Decide(CancellationToken c) => DecideForTrialAsync(sweepId, jobId, leaseOwner, c);
        if (results.LastOrDefault() is { Promoted: false } latest && latest.Rung < sweep.Ladder.Top
            && await Decide(cancellationToken) != TrialVerdict.Continue)
            return null;
        return new TrialRungs(sweep, jobId, results.Count, Decide, db, clock);
    }

    /// <summary>The trial (holding <paramref name="leaseOwner"/>) saved its result at a rung: does it go on?</summary>
    /// <returns>Continue or Stop (saved as stopped); null when it was cancelled instead (saved as cancelled).</returns>
    /// <exception cref="DbUpdateConcurrencyException">The trial is no longer this run's (its lease was lost).</exception>
    public async Task<TrialVerdict?> DecideForTrialAsync(Guid sweepId, Guid jobId, string leaseOwner, CancellationToken cancellationToken)
    {
        var (verdict, leaseLost) = await DecideAsync(sweepId, (jobId, leaseOwner), cancellationToken);
        return leaseLost ? throw new DbUpdateConcurrencyException($"Job {jobId} is no longer trained by {leaseOwner}.") : verdict;
    }

    /// <summary>Promotes what can go on and ends the sweep once nothing can; nothing is saved when nothing changes.</summary>
    public async Task SettleAsync(Guid sweepId, CancellationToken cancellationToken) =>
        await DecideAsync(sweepId, null, cancellationToken);

    /// <summary>As <see cref="SettleAsync"/>, after a trial ended: a failure is logged, and SweepSettler tries again.</summary>
    public async Task SettleQuietlyAsync(Guid sweepId)
    {
        try
        {
            await SettleAsync(sweepId, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogSettleFailed(e, sweepId);
        }
    }

    /// <summary>A trial started: the sweep is running (a plain update; it changes nothing a decision reads).</summary>
    internal static Task MarkRunningAsync(WganDbContext db, Guid sweepId, CancellationToken cancellationToken) =>
        db.Sweeps.Where(s => s.Id == sweepId && s.Status == SweepStatus.Queued)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SweepStatus.Running), cancellationToken);

    private async Task<(TrialVerdict? Verdict, bool LeaseLost)> DecideAsync(
        Guid sweepId, (Guid JobId, string LeaseOwner)? deciding, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
            try
            {
                var (verdict, leaseLost, requeued) = await DecideOnceAsync(db, sweepId, deciding, cancellationToken);
                if (requeued.Count > 0) await EnqueueAsync(db, scope.ServiceProvider.GetRequiredService<JobEnqueuer>(), requeued);
                return (verdict, leaseLost);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                LogConflict(sweepId, attempt);
            }
            catch (Exception e) when (TransientDatabaseErrors.IsTransient(e) && attempt < 3)
            {
                // A deadlock or serialization failure against another writer is worth another try; a database that is
                // away fails the decision, and the trial resumes at its rung later and asks again.
                LogConflict(sweepId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), clock, cancellationToken);
            }
        }
    }

    private async Task<(TrialVerdict?, bool LeaseLost, List<Job> Requeued)> DecideOnceAsync(
        WganDbContext db, Guid sweepId, (Guid JobId, string LeaseOwner)? deciding, CancellationToken cancellationToken)
    {
        // The sweep first: its version is what the save checks, so anything read after it is at least as new.
        var sweep = await db.Sweeps.SingleAsync(s => s.Id == sweepId, cancellationToken);
        var jobs = await db.Jobs.Where(j => j.SweepId == sweepId).ToListAsync(cancellationToken);
        var results = await db.SweepRungResults.Where(r => r.SweepId == sweepId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var own = deciding is { } d ? jobs.Single(j => j.Id == d.JobId) : null;
        if (own is not null && (own.LeaseOwner != deciding!.Value.LeaseOwner || own.Status != JobStatus.Running)) return (null, true, []);

        if (own is not null && (own.CancelRequested || sweep.CancelRequested || sweep.Status.IsFinished()))
        {
            // Cancelled alone or with its sweep while it was getting here: it ends cancelled, as a running job does.
            own.MarkCancelled(now);
            own = null;
        }
        if (sweep.Status.IsFinished() || sweep.CancelRequested)
        {
            if (!db.ChangeTracker.HasChanges()) return (null, false, []);
            sweep.Touch();
            await db.SaveChangesAsync(cancellationToken);
            return (null, false, []);
        }

        var latest = results.GroupBy(r => r.JobId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Rung)!);
        var states = jobs.Select(j => new TrialState(j.Id, j.Status,
            results.Where(r => r.JobId == j.Id).OrderBy(r => r.Rung).Select(r => r.Objective).ToList(),
            latest.GetValueOrDefault(j.Id)?.Promoted ?? false)).ToList();
        var decision = PromotionStep.Decide(sweep.Ladder, sweep.HalvingEta, states, own?.Id);
        foreach (var id in decision.Promoted) latest[id].Promoted = true;
        var requeued = jobs.Where(j => decision.Requeued.Contains(j.Id)).ToList();
        foreach (var job in requeued) job.Promote();
        if (decision.Deciding == TrialVerdict.Stop) own!.StopAtRung(now);
        if (jobs.Any(j => j.Status != JobStatus.Queued || j.GeneratorStep > 0)) sweep.MarkRunning();
        if (decision.SweepFinished && jobs.All(j => j.Status is JobStatus.Failed or JobStatus.Cancelled)) sweep.Fail(now);
        else if (decision.SweepFinished) sweep.Succeed(now);
        var verdict = own is null ? (TrialVerdict?)null : decision.Deciding;
        // A trial's decision always saves: the version it bumps makes every decision that read before it read again.
        if (deciding is null && !db.ChangeTracker.HasChanges()) return (verdict, false, []);
        sweep.Touch();
        await db.SaveChangesAsync(cancellationToken);
        foreach (var job in requeued) LogPromoted(sweepId, job.Id, job.TrialIndex ?? 0, latest[job.Id].Rung);
        if (decision.SweepFinished) LogFinished(sweepId, sweep.Status.ToString(), jobs.Count(j => j.Status == JobStatus.Stopped));
        return (verdict, false, requeued);
    }

    /// <summary>
    /// After the save, never before: a Hangfire job fetched before the promotion is committed would find the trial
    /// still stopped and do nothing. If this fails, the trial waits queued until StrandedJobSweeper enqueues it.
    /// </summary>
    private async Task EnqueueAsync(WganDbContext db, JobEnqueuer enqueuer, List<Job> requeued)
    {
        foreach (var job in requeued)
        {
            try
            {
                var backgroundJobId = enqueuer.Enqueue(job.Id, JobEnqueuer.QueueFor(job.SweepId, job.GeneratorStep));
                await db.Jobs.Where(j => j.Id == job.Id && j.Status == JobStatus.Queued)
                    .ExecuteUpdateAsync(u => u.SetProperty(j => j.BackgroundJobId, backgroundJobId), CancellationToken.None);
            }
            catch (Exception e)
            {
                LogEnqueueFailed(e, job.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId}: trial {Trial} (job {JobId}) promoted from rung {Rung}")]
    private partial void LogPromoted(Guid sweepId, Guid jobId, int trial, int rung);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} {Status}: every trial ended, {Stopped} of them stopped early")]
    private partial void LogFinished(Guid sweepId, string status, int stopped);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sweep {SweepId}: another decision saved first (try {Attempt}); deciding again")]
    private partial void LogConflict(Guid sweepId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId}: could not settle it now; SweepSettler tries again")]
    private partial void LogSettleFailed(Exception exception, Guid sweepId);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Job {JobId} was promoted but could not be handed to Hangfire; StrandedJobSweeper enqueues it")]
    private partial void LogEnqueueFailed(Exception exception, Guid jobId);
}
