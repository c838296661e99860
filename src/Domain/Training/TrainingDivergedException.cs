using System.Globalization;
using WganService.Gan;

namespace WganService.Domain.Training;

/// <summary>
/// A loss (or an evaluation) became NaN or infinite: nothing after this point can be trusted, and such
/// values cannot be stored or served as JSON, so the job fails at once, naming the step and the values.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    private TrainingDivergedException(string message) : base(message) { }

    public static bool HasDiverged(StepMetrics step) =>
        !double.IsFinite(step.CriticLoss) || !double.IsFinite(step.GeneratorLoss) || !double.IsFinite(step.WassersteinEstimate)
        || step.GradientPenalty is { } penalty && !double.IsFinite(penalty) || !double.IsFinite(step.CriticGradientNorm);

    public static TrainingDivergedException AtStep(StepMetrics s, int? bestGeneratorStep)
    {
        var penalty = s.GradientPenalty is { } p ? p.ToString(CultureInfo.InvariantCulture) : "n/a";
        return new(string.Create(CultureInfo.InvariantCulture,
            $"Training diverged at generator step {s.GeneratorStep}: critic loss {s.CriticLoss}, generator loss {s.GeneratorLoss}, " +
            $"Wasserstein estimate {s.WassersteinEstimate}, gradient penalty {penalty}, critic gradient norm {s.CriticGradientNorm}. " +
            $"{Kept(bestGeneratorStep)} A lower learning rate (or, for wgan, a smaller clip value) usually avoids this."));
    }

    public static TrainingDivergedException AtEvaluation(int generatorStep, double slicedWasserstein, int? bestGeneratorStep) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"The evaluation at generator step {generatorStep} gave a sliced Wasserstein distance of {slicedWasserstein}: " +
            $"the generated samples or the data hold values beyond float32 arithmetic. {Kept(bestGeneratorStep)}"));

    private static string Kept(int? best) =>
        best is { } b ? $"The best generator so far (step {b}) is kept." : "No generator was good enough to keep yet.";
}
