using WganService.Domain.Jobs;

namespace WganService.Domain.Gan;

public static class LearningRateSchedule
{
    /// <summary>The rate for the generator step that follows <paramref name="completedSteps"/> (0-based).</summary>
    public static double At(Hyperparameters h, int completedSteps) => h.LearningRateDecay switch
    {
        LearningRateDecay.Linear => h.LearningRate * (1 - completedSteps / (double)h.GeneratorSteps),
        _ => h.LearningRate,
    };
}
