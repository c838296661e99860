using System.Globalization;
using WganService.Domain.Gan;

namespace WganService.Domain.Training;

/// <summary>A loss became NaN or infinite: nothing after this step can be trusted, so the job fails at once.</summary>
public sealed class TrainingDivergedException(StepMetrics step, int? bestGeneratorStep) : Exception(Describe(step, bestGeneratorStep))
{
    public static bool HasDiverged(StepMetrics step) =>
        !double.IsFinite(step.CriticLoss) || !double.IsFinite(step.GeneratorLoss) || !double.IsFinite(step.WassersteinEstimate)
        || step.GradientPenalty is { } penalty && !double.IsFinite(penalty) || !double.IsFinite(step.CriticGradientNorm);

    private static string Describe(StepMetrics s, int? best)
    {
        var penalty = s.GradientPenalty is { } p ? p.ToString(CultureInfo.InvariantCulture) : "n/a";
        var kept = best is { } b ? $"The best generator so far (step {b}) is kept." : "No generator was good enough to keep yet.";
        return string.Create(CultureInfo.InvariantCulture,
            $"Training diverged at generator step {s.GeneratorStep}: critic loss {s.CriticLoss}, generator loss {s.GeneratorLoss}, Wasserstein estimate {s.WassersteinEstimate}, gradient penalty {penalty}, critic gradient norm {s.CriticGradientNorm}. {kept} A lower learning rate (or, for wgan, a smaller clip value) usually avoids this.");
    }
}
