namespace WganService.Domain.Persistence;

/// <summary>
/// One row per job and recorded generator step. Losses are means over the steps since the previous
/// row; samples per second counts real samples the critic consumed (batch × n_critic per step).
/// </summary>
public sealed class JobMetric
{
    public Guid JobId { get; init; }
    public int GeneratorStep { get; init; }
    public double CriticLoss { get; init; }
    public double GeneratorLoss { get; init; }
    public double WassersteinEstimate { get; init; }
    public double? GradientPenalty { get; init; }
    public double CriticGradientNorm { get; init; }
    public double SamplesPerSecond { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}
