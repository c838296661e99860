using WganService.Domain.Jobs;
using WganService.Gan;

namespace WganService.Domain.Training;

/// <summary>
/// The job's time budget (<c>maxTrainingMinutes</c>) and its last step. Training time is the wall time of the
/// training loop (steps, evaluations, checkpoints and flushes, from the step-0 evaluation on), not of setup
/// (loading the dataset, building the networks); it is carried in the checkpoint, so a resumed job spends
/// what is left rather than a fresh budget. Read from the injected clock, so tests control it.
/// </summary>
internal sealed class TrainingBudget(Hyperparameters h, TimeProvider clock)
{
    private TimeSpan _trainedBefore;
    private long _runStart;

    /// <summary>Starts this run's share of the training time, on top of what the checkpoint carried.</summary>
    public void Start(TimeSpan trainedBefore) => (_trainedBefore, _runStart) = (trainedBefore, clock.GetTimestamp());

    public TimeSpan TrainingTime => _trainedBefore + clock.GetElapsedTime(_runStart);

    /// <summary>
    /// Null while the job goes on; else what ends it after <paramref name="generatorStep"/>: its last step,
    /// or its budget, whichever comes first. The step that finds the budget spent is the job's last: it is
    /// evaluated and checkpointed as a last step always is, so a job overruns its budget by one step and
    /// one evaluation.
    /// </summary>
    public TrainingStop? StopReason(int generatorStep) =>
        generatorStep >= h.GeneratorSteps ? TrainingStop.Steps
        : h.MaxTrainingMinutes is { } minutes && TrainingTime.TotalMinutes >= minutes ? TrainingStop.TimeBudget
        : null;
}
