using WganService.Gan;

namespace WganService.Domain.Jobs;

/// <summary>A job as a client asks for it: everything but the dataset and variant may be left out.</summary>
public sealed record JobSpec
{
    public string? Name { get; init; }
    public string? Dataset { get; init; }
    public GanVariant? Variant { get; init; }
    public NetworkArchitecture? Architecture { get; init; }
    public DevicePreference? Device { get; init; }
    public HyperparameterSpec? Hyperparameters { get; init; }
}

/// <summary>Requested hyperparameters; null means "use the default for this variant and dataset".</summary>
public sealed record HyperparameterSpec
{
    public int? GeneratorSteps { get; init; }
    public int? BatchSize { get; init; }
    public int? CriticSteps { get; init; }
    public int? LatentDim { get; init; }
    public OptimizerKind? Optimizer { get; init; }
    public double? LearningRate { get; init; }
    public LearningRateDecay? LearningRateDecay { get; init; }
    public double? Beta1 { get; init; }
    public double? Beta2 { get; init; }
    public double? ClipValue { get; init; }
    public double? GradientPenaltyWeight { get; init; }
    public Gan.CriticNormalization? CriticNormalization { get; init; }
    public CriticSchedule? CriticSchedule { get; init; }
    public double? GeneratorEma { get; init; }
    public double? MaxTrainingMinutes { get; init; }
    public long? Seed { get; init; }
    public int? MetricsEvery { get; init; }
    public int? EvaluateEvery { get; init; }
    public int? CheckpointEvery { get; init; }
}
