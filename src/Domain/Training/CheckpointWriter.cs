using Microsoft.EntityFrameworkCore;
using WganService.Domain.Persistence;
using WganService.Gan;

namespace WganService.Domain.Training;

/// <summary>
/// Keeps one checkpoint per job, the latest, as one artifact rewritten in place (written with the next
/// flush): the trainer's whole state, the training time spent and the means not yet recorded.
/// </summary>
internal sealed class CheckpointWriter(
    WganDbContext db, Guid jobId, WganTrainer trainer, RunningMeans means, TrainingBudget budget, RowFlusher flusher,
    TimeProvider clock, TrainingTimes times)
{
    private Artifact? _checkpoint;

    /// <summary>Puts the trainer and the running means where the job's checkpoint left them, if it has one.</summary>
    /// <returns>The checkpoint read, or null when the job starts from scratch.</returns>
    public async Task<TrainingCheckpoint?> RestoreAsync(CancellationToken cancellationToken)
    {
        _checkpoint = await db.Artifacts
            .SingleOrDefaultAsync(a => a.JobId == jobId && a.Kind == ArtifactKinds.Checkpoint, cancellationToken);
        if (_checkpoint is null) return null;
        var restored = trainer.RestoreCheckpoint(_checkpoint.Data);
        means.Restore(restored.RunningMeans ?? []);
        return restored;
    }

    public void Save()
    {
        using var timed = times.Measure(TrainingPhase.Checkpoints);
        _checkpoint ??= db.Artifacts.Add(new Artifact { JobId = jobId, Kind = ArtifactKinds.Checkpoint, Data = [] }).Entity;
        (_checkpoint.GeneratorStep, _checkpoint.Data, _checkpoint.CreatedAt) =
            (trainer.GeneratorStep, trainer.SaveCheckpoint(budget.TrainingTime, means.Save()), clock.GetUtcNow());
        flusher.RowsRecorded();
    }

    /// <summary>On shutdown: checkpoints where the run is, unless the last checkpoint is already there.</summary>
    public void SaveIfBehind()
    {
        if (_checkpoint?.GeneratorStep != trainer.GeneratorStep) Save();
    }
}
