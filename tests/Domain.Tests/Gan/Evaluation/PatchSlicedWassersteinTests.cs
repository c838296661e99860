using WganService.Gan.Evaluation;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Evaluation;

public class PatchSlicedWassersteinTests
{
    [Fact]
    public void IdenticalSets_AreAtDistanceZero()
    {
        using var scope = NewDisposeScope();
        var images = SyntheticImages.Blobs(100, seed: 1);

        var result = PatchSlicedWasserstein.Distance(images, images.clone());

        Assert.Equal(2, result.PerLevel.Count);
        Assert.Equal(0, result.Mean, 6);
    }

    [Fact]
    public void SetsFromOneDistribution_AreMuchCloserThanToOtherDistributions()
    {
        using var scope = NewDisposeScope();
        var blobs = SyntheticImages.Blobs(100, seed: 1);

        // Seen here: same ≈ 0.03, stripes ≈ 0.37, noise ≈ 0.38 (mean over the 28 and 14 levels).
        var same = PatchSlicedWasserstein.Distance(blobs, SyntheticImages.Blobs(100, seed: 2)).Mean;
        var stripes = PatchSlicedWasserstein.Distance(blobs, SyntheticImages.Stripes(100, seed: 3)).Mean;
        var noise = PatchSlicedWasserstein.Distance(blobs, SyntheticImages.Noise(100, seed: 4)).Mean;

        Assert.True(same * 5 < stripes, $"same {same}, stripes {stripes}");
        Assert.True(same * 5 < noise, $"same {same}, noise {noise}");
    }

    [Fact]
    public void ColourImages_AreCompared_PerLevel()
    {
        using var scope = NewDisposeScope();
        var a = SyntheticImages.Noise(20, seed: 5, size: 32, channels: 3);
        var b = SyntheticImages.Noise(20, seed: 6, size: 32, channels: 3);

        var result = PatchSlicedWasserstein.Distance(a, b);

        Assert.Equal(3, result.PerLevel.Count);
        Assert.All(result.PerLevel, d => Assert.InRange(d, 1e-6, 1));
        Assert.Equal(result.PerLevel.Average(), result.Mean, 12);
    }

    [Fact]
    public void MismatchedOrTooSmallImages_AreRejected()
    {
        using var scope = NewDisposeScope();

        Assert.Throws<ArgumentException>(() => PatchSlicedWasserstein.Distance(zeros(4, 1, 28, 28), zeros(5, 1, 28, 28)));
        Assert.Throws<ArgumentException>(() => PatchSlicedWasserstein.Distance(zeros(4, 1, 7, 7), zeros(4, 1, 7, 7)));
    }
}
