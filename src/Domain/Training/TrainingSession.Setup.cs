using Microsoft.Extensions.Logging;
using WganService.Domain.Jobs;
using WganService.Gan;
using WganService.Gan.Evaluation;

namespace WganService.Domain.Training;

internal sealed partial class TrainingSession
{
    /// <summary>What one run trains and records with; one job each.</summary>
    private sealed record Run(
        Job Job, WganTrainer Trainer, MetricWindow Window, RecentWasserstein Recent, TrainingBudget Budget, RowFlusher Flusher,
        EvaluationRecorder Evaluations, BestGenerator Best, CheckpointWriter Checkpoints);

    private Run Open(Job job, WganTrainer trainer, IEvaluator evaluator)
    {
        var flusher = new RowFlusher(db, job, clock, options, _times, logger);
        var budget = new TrainingBudget(job.Hyperparameters, clock);
        var best = new BestGenerator(db, job.Id, clock, logger);
        var recent = new RecentWasserstein();
        var evaluations = new EvaluationRecorder(db, job.Id, evaluator, best, flusher, clock, _times, recent);
        var window = new MetricWindow(job.Id, job.Hyperparameters.BatchSize);
        var means = new RunningMeans(window, recent);
        var checkpoints = new CheckpointWriter(db, job.Id, trainer, means, budget, flusher, clock, _times);
        return new Run(job, trainer, window, recent, budget, flusher, evaluations, best, checkpoints);
    }

    /// <summary>
    /// Picks the job up where its last checkpoint left it (or at step 0 without one): the trainer, the running
    /// means, the best generator and the W estimates of the evaluations it keeps. The rows after that point
    /// this run records again (<see cref="RowsAfterCheckpoint"/>).
    /// </summary>
    /// <returns>The training time the checkpoint carries (zero without one).</returns>
    private async Task<TimeSpan> ResumeAsync(Run run, CancellationToken cancellationToken)
    {
        var restored = await run.Checkpoints.RestoreAsync(cancellationToken);
        var resumedAt = run.Trainer.GeneratorStep;
        // Before the deletes: the best generator may come from after the checkpoint, with its evaluation row.
        await run.Best.ResumeAsync(resumedAt, cancellationToken);
        await run.Evaluations.ResumeAsync(resumedAt, cancellationToken);
        await RowsAfterCheckpoint.DeleteAsync(db, run.Job.Id, resumedAt, cancellationToken);
        if (resumedAt > 0) LogResumed(run.Job.Id, resumedAt);
        return restored?.TrainingTime ?? TimeSpan.Zero;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} resumes from its checkpoint at generator step {Step}")]
    private partial void LogResumed(Guid jobId, int step);
}
