namespace WganService.Domain.Sweeps;

/// <summary>
/// One hyperparameter's range in a sweep's search space: either a list of <see cref="Values"/> drawn from
/// uniformly, or a <see cref="Min"/>–<see cref="Max"/> interval drawn on a linear or log scale. Integer
/// hyperparameters (batchSize, criticSteps, latentDim) take integer values and draw integers.
/// </summary>
public sealed record SearchDimension
{
    public double[]? Values { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public SearchScale? Scale { get; init; }
}

// JSON names are kebab-case lower ("log").
public enum SearchScale
{
    Linear,
    Log,
}
