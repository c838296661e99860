using static TorchSharp.torch;

namespace WganService.Gan.Evaluation;

/// <summary>
/// Mode coverage as VEEGAN defines it (Srivastava et al. 2017): a sample is high quality when it lies
/// within 3 standard deviations of its nearest centre; a centre is covered when at least one
/// high-quality sample is nearest to it.
/// </summary>
public sealed record ModeCoverage(int ModesCovered, int Modes, double HighQualityRatio)
{
    public const int StandardSampleCount = 2500;

    public static ModeCoverage Measure(Tensor samples, float[,] centres, float standardDeviation)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var centreTensor = tensor(centres, device: samples.device);
        var distances = cdist(samples.to_type(ScalarType.Float32), centreTensor);
        var (nearestDistance, nearestCentre) = distances.min(1);
        var highQuality = nearestDistance < 3 * standardDeviation;
        var coveredCentres = nearestCentre.masked_select(highQuality).unique().Item1.shape[0];
        var ratio = highQuality.to_type(ScalarType.Float32).mean().item<float>();
        return new ModeCoverage((int)coveredCentres, centres.GetLength(0), ratio);
    }
}
