using Microsoft.EntityFrameworkCore;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;

namespace WganService.Domain.Training;

/// <summary>
/// A flush whose COMMIT reached PostgreSQL but whose answer was lost (the connection broke between
/// the two) looks failed to the trainer, which keeps its rows and saves them again with the next flush.
/// No row can be stored twice: every key is chosen by the trainer, not the database ((job, step) for
/// metrics, evaluations and sample pictures; (job, kind) for artifacts), and each is the table's primary
/// key. But the second insert would be refused (a unique violation, not a transient error) and fail
/// the job. So before a flush that follows a failed one, the pending inserts already stored are taken
/// as saved: rows that never change are left alone, artifacts (rewritten at every checkpoint) become
/// updates. They can only be this run's own: rows after the job's checkpoint were deleted when the run
/// resumed, and if another worker has taken the job over since, the flush's update of the job row fails
/// its lease check and the whole flush is rolled back. The job row itself needs the same care once
/// its final flush has marked it succeeded (<see cref="TakeStoredStatusAsSavedAsync"/>).
/// </summary>
internal static class UnacknowledgedCommit
{
    public static async Task TakeStoredChangesAsSavedAsync(WganDbContext db, Job job, CancellationToken cancellationToken)
    {
        await TakeStoredStatusAsSavedAsync(db, job, cancellationToken);
        var jobId = job.Id;
        var pending = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList();
        if (pending.Count == 0) return;

        var metrics = Steps<JobMetric>(pending, m => m.GeneratorStep);
        var storedMetrics = metrics.Count == 0 ? [] : await db.Metrics.AsNoTracking()
            .Where(m => m.JobId == jobId && metrics.Contains(m.GeneratorStep)).Select(m => m.GeneratorStep).ToListAsync(cancellationToken);
        var evaluations = Steps<JobEvaluation>(pending, e => e.GeneratorStep);
        var storedEvaluations = evaluations.Count == 0 ? [] : await db.Evaluations.AsNoTracking()
            .Where(e => e.JobId == jobId && evaluations.Contains(e.GeneratorStep))
            .Select(e => e.GeneratorStep)
            .ToListAsync(cancellationToken);
        var images = Steps<SampleImage>(pending, i => i.GeneratorStep);
        var storedImages = images.Count == 0 ? [] : await db.SampleImages.AsNoTracking()
            .Where(i => i.JobId == jobId && images.Contains(i.GeneratorStep)).Select(i => i.GeneratorStep).ToListAsync(cancellationToken);
        var artifacts = pending.Select(e => e.Entity).OfType<Artifact>().Select(a => a.Kind).ToList();
        var storedArtifacts = artifacts.Count == 0 ? [] : await db.Artifacts.AsNoTracking()
            .Where(a => a.JobId == jobId && artifacts.Contains(a.Kind)).Select(a => a.Kind).ToListAsync(cancellationToken);

        foreach (var entry in pending)
        {
            entry.State = entry.Entity switch
            {
                JobMetric m when storedMetrics.Contains(m.GeneratorStep) => EntityState.Unchanged,
                JobEvaluation e when storedEvaluations.Contains(e.GeneratorStep) => EntityState.Unchanged,
                SampleImage i when storedImages.Contains(i.GeneratorStep) => EntityState.Unchanged,
                Artifact a when storedArtifacts.Contains(a.Kind) => EntityState.Modified,
                _ => entry.State,
            };
        }
    }

    /// <summary>
    /// A flush that changes the job's status (the final one: running → succeeded) saves the row only while
    /// it is still running under this run's lease, so a retry after its commit landed would be refused
    /// as if another worker had taken the job. The stored row tells: the same status with the same
    /// finishing instant can only be this flush's (another worker finishing the job would have stamped
    /// its own), and then the check is made against what is stored.
    /// </summary>
    private static async Task TakeStoredStatusAsSavedAsync(WganDbContext db, Job job, CancellationToken cancellationToken)
    {
        var entry = db.Entry(job);
        var status = entry.Property(j => j.Status);
        if (!status.IsModified || job.FinishedAt is not { } finishedAt) return;
        var stored = await db.Jobs.AsNoTracking().Where(j => j.Id == job.Id)
            .Select(j => new { j.Status, j.LeaseOwner, j.FinishedAt }).SingleAsync(cancellationToken);
        if (stored.Status != job.Status || stored.FinishedAt?.ToStoredPrecision() != finishedAt.ToStoredPrecision()) return;
        status.OriginalValue = stored.Status;
        entry.Property(j => j.LeaseOwner).OriginalValue = stored.LeaseOwner;
    }

    private static List<int> Steps<T>(IEnumerable<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> pending, Func<T, int> step) =>
        pending.Select(e => e.Entity).OfType<T>().Select(step).ToList();
}
