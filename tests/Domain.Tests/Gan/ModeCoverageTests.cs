using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Gan.Datasets;
using WganService.Gan.Evaluation;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan;

public class ModeCoverageTests
{
    private static readonly ToyDataset Ring = ToyDataset.EightGaussians;

    [Fact]
    public void RealSamples_CoverEveryMode_AtHighQuality()
    {
        using var scope = NewDisposeScope();
        var samples = Ring.Sample(ModeCoverage.StandardSampleCount, new Generator(5), CPU);

        var coverage = ModeCoverage.Measure(samples, Ring.Centres!, Ring.StandardDeviation);

        Assert.Equal(8, coverage.ModesCovered);
        // For a 2-D Gaussian, P(distance < 3σ) = 1 − exp(−9/2) ≈ 0.989.
        Assert.InRange(coverage.HighQualityRatio, 0.98, 0.996);
    }

    [Fact]
    public void CollapsedSamples_CoverOneMode()
    {
        using var scope = NewDisposeScope();
        var onOneCentre = tensor(new[] { Ring.Centres![0, 0], Ring.Centres[0, 1] }).repeat(100, 1);

        Assert.Equal(new ModeCoverage(1, 8, 1.0), ModeCoverage.Measure(onOneCentre, Ring.Centres, Ring.StandardDeviation));
    }

    [Fact]
    public void SamplesBetweenModes_AreNotHighQuality()
    {
        using var scope = NewDisposeScope();

        var coverage = ModeCoverage.Measure(zeros(100, 2), Ring.Centres!, Ring.StandardDeviation);

        Assert.Equal(0, coverage.ModesCovered);
        Assert.Equal(0, coverage.HighQualityRatio);
    }
}
