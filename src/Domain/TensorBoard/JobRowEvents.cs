using WganService.Domain.Persistence;
using WganService.Gan.TensorBoard;

namespace WganService.Domain.TensorBoard;

/// <summary>A job's stored rows as TensorBoard events: the service's tables meet the GAN core's event file here.</summary>
public static class JobRowEvents
{
    /// <summary>One event with the metric row's scalars; the gradient penalty only when the variant has one.</summary>
    public static void WriteMetric(this TensorBoardEventFile events, JobMetric metric) =>
        events.WriteScalars(metric.GeneratorStep, metric.RecordedAt,
            (TensorBoardEventFile.CriticLoss, metric.CriticLoss),
            (TensorBoardEventFile.GeneratorLoss, metric.GeneratorLoss),
            (TensorBoardEventFile.WassersteinEstimate, metric.WassersteinEstimate),
            (TensorBoardEventFile.GradientPenalty, metric.GradientPenalty),
            (TensorBoardEventFile.CriticGradientNorm, metric.CriticGradientNorm),
            (TensorBoardEventFile.SamplesPerSecond, metric.SamplesPerSecond));

    /// <summary>
    /// One event with the evaluation's scalars; mode coverage and quality only where the dataset has
    /// modes (the toy sets). The mean training estimate and the mode count are left out: the first is
    /// <see cref="TensorBoardEventFile.WassersteinEstimate"/> already, the second a constant.
    /// </summary>
    public static void WriteEvaluation(this TensorBoardEventFile events, JobEvaluation evaluation) =>
        events.WriteScalars(evaluation.GeneratorStep, evaluation.RecordedAt,
            (TensorBoardEventFile.SlicedWasserstein, evaluation.SlicedWasserstein),
            (TensorBoardEventFile.SlicedWassersteinFloor, evaluation.SlicedWassersteinFloor),
            (TensorBoardEventFile.ModesCovered, evaluation.ModesCovered),
            (TensorBoardEventFile.HighQualityRatio, evaluation.HighQualityRatio),
            (TensorBoardEventFile.FrechetDistance, evaluation.FrechetDistance),
            (TensorBoardEventFile.FrechetDistanceFloor, evaluation.FrechetDistanceFloor),
            (TensorBoardEventFile.ClassesCovered, evaluation.ClassesCovered),
            (TensorBoardEventFile.ConfidentShare, evaluation.ConfidentShare));
}
