using Microsoft.EntityFrameworkCore;
using WganService.Gan;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;

namespace WganService.Domain.Training;

internal sealed partial class TrainingSession
{
    /// <summary>
    /// Picks the job up where its last checkpoint left it (or at step 0 without one). Rows recorded after
    /// that point came from a run that stopped before its next checkpoint; this run records them again,
    /// so they are removed first and every step keeps exactly one row.
    /// </summary>
    /// <returns>The training time the checkpoint carries (zero without one).</returns>
    private async Task<TimeSpan> ResumeAsync(Job job, WganTrainer trainer, MetricWindow window, CancellationToken cancellationToken)
    {
        _checkpoint = await db.Artifacts.SingleOrDefaultAsync(a => a.JobId == job.Id && a.Kind == ArtifactKinds.Checkpoint, cancellationToken);
        var restored = _checkpoint is null ? null : trainer.RestoreCheckpoint(_checkpoint.Data);
        if (restored is not null) RestoreRunningMeans(restored.RunningMeans ?? [], window);
        var trainedBefore = restored?.TrainingTime ?? TimeSpan.Zero;
        var resumedAt = trainer.GeneratorStep;

        if (resumedAt == 0)
        {
            // Starting over: a best generator from a lost run has no evaluation left to stand on.
            await db.Artifacts.Where(a => a.JobId == job.Id && a.Kind == ArtifactKinds.BestGenerator).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            _best = await db.Artifacts.SingleOrDefaultAsync(a => a.JobId == job.Id && a.Kind == ArtifactKinds.BestGenerator, cancellationToken);
        }
        if (_best is not null)
        {
            // It may come from after the checkpoint: it was still a real generator with that score.
            _bestScore = await db.Evaluations.Where(e => e.JobId == job.Id && e.GeneratorStep == _best.GeneratorStep)
                .Select(e => e.FrechetDistance ?? (double?)e.SlicedWasserstein).SingleOrDefaultAsync(cancellationToken) ?? double.PositiveInfinity;
        }
        var kept = await db.Evaluations.AsNoTracking()
            .Where(e => e.JobId == job.Id && e.GeneratorStep <= resumedAt && e.WassersteinEstimate != null)
            .OrderBy(e => e.GeneratorStep).Select(e => new { e.WassersteinEstimate, e.SlicedWasserstein, e.FrechetDistance }).ToListAsync(cancellationToken);
        _evaluationPairs.AddRange(kept.Select(e => (e.WassersteinEstimate!.Value, e.SlicedWasserstein)));
        _fdPairs.AddRange(kept.Where(e => e.FrechetDistance is not null).Select(e => (e.WassersteinEstimate!.Value, e.FrechetDistance!.Value)));

        // From scratch, the step-0 baseline is evaluated again too.
        var after = resumedAt == 0 ? -1 : resumedAt;
        await db.Metrics.Where(m => m.JobId == job.Id && m.GeneratorStep > after).ExecuteDeleteAsync(cancellationToken);
        await db.Evaluations.Where(e => e.JobId == job.Id && e.GeneratorStep > after).ExecuteDeleteAsync(cancellationToken);
        await db.SampleImages.Where(i => i.JobId == job.Id && i.GeneratorStep > after).ExecuteDeleteAsync(cancellationToken);
        if (resumedAt > 0) LogResumed(job.Id, resumedAt);
        return trainedBefore;
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Job {JobId} resumes from its checkpoint at generator step {Step}")]
    private partial void LogResumed(Guid jobId, int step);
}
