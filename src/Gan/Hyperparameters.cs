namespace WganService.Gan;

/// <summary>
/// A job's hyperparameters with every default filled in: the record alone reproduces the run.
/// Values that do not belong to the variant or optimiser are null (no clip value on wgan-gp).
/// </summary>
public sealed record Hyperparameters
{
    public required int GeneratorSteps { get; init; }
    public required int BatchSize { get; init; }
    public required int CriticSteps { get; init; }
    public required int LatentDim { get; init; }
    public required OptimizerKind Optimizer { get; init; }
    public required double LearningRate { get; init; }
    public required LearningRateDecay LearningRateDecay { get; init; }
    public double? Beta1 { get; init; }
    public double? Beta2 { get; init; }
    public double? ClipValue { get; init; }
    public double? GradientPenaltyWeight { get; init; }

    /// <summary>What follows the critic's convolutions (dcgan only; null for mlp).</summary>
    public Gan.CriticNormalization? CriticNormalization { get; init; }

    /// <summary>How many critic updates each generator step takes (see <see cref="Gan.CriticSchedule"/>).</summary>
    public required CriticSchedule CriticSchedule { get; init; }

    /// <summary>
    /// Decay of the generator's exponential moving average (0 = off). When on, the average is what is
    /// evaluated, kept as best and final generator, served and exported (see <see cref="Gan.GeneratorEma"/>).
    /// </summary>
    public required double GeneratorEma { get; init; }

    /// <summary>Training time after which the job ends as if its last step were reached; null = no budget.</summary>
    public double? MaxTrainingMinutes { get; init; }

    public required long Seed { get; init; }
    public required int MetricsEvery { get; init; }
    public required int EvaluateEvery { get; init; }
    public required int CheckpointEvery { get; init; }
}
