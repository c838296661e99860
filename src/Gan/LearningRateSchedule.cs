
namespace WganService.Gan;

public static class LearningRateSchedule
{
    /// <summary>The rate for the generator step that follows <paramref name="completedSteps"/> (0-based).</summary>
    /// <param name="trainingTime">Training time used so far (counts only with a <c>maxTrainingMinutes</c> budget).</param>
    public static double At(Hyperparameters h, int completedSteps, TimeSpan trainingTime = default) => h.LearningRateDecay switch
    {
        LearningRateDecay.Linear => h.LearningRate * (1 - Progress(h, completedSteps, trainingTime)),
        _ => h.LearningRate,
    };

    /// <summary>
    /// How far the job is towards its end, in [0, 1]: max(steps done / generatorSteps, training time /
    /// maxTrainingMinutes). The larger fraction is the binding limit, the one that will end the job, so a
    /// decay reaches 0 when the job ends whichever it is. With a budget the rate then depends on wall-clock
    /// speed, and a rerun of the same seed on a busier machine takes other steps.
    /// </summary>
    public static double Progress(Hyperparameters h, int completedSteps, TimeSpan trainingTime)
    {
        var progress = completedSteps / (double)h.GeneratorSteps;
        if (h.MaxTrainingMinutes is { } minutes) progress = Math.Max(progress, trainingTime.TotalMinutes / minutes);
        return Math.Min(progress, 1);
    }
}
