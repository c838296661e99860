using WganService.Gan.Classifier;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Classifier;

public class FrechetDistanceTests
{
    private static Tensor Features(long n, long d, ulong seed)
    {
        using var random = new Generator(seed);
        // Correlated features, as a network's are: a random mixing of independent normals.
        using var mixing = randn([d, d], generator: random);
        using var z = randn([n, d], generator: random);
        return z.matmul(mixing);
    }

    [Fact]
    public void ASet_AgainstItself_IsZero()
    {
        using var features = Features(400, 32, seed: 1);

        Assert.True(FrechetDistance.Between(features, features) < 1e-6, $"FD {FrechetDistance.Between(features, features)}");
    }

    [Fact]
    public void DiagonalGaussians_MatchTheClosedForm()
    {
        // For diagonal covariances FD = |μ₁ − μ₂|² + Σ (σ₁ − σ₂)²; the statistics are given exactly.
        using var meanA = tensor(new[] { 0.0, 1.0, 2.0 });
        using var meanB = tensor(new[] { 1.0, 1.0, 0.0 });
        using var covarianceA = diag(tensor(new[] { 1.0, 4.0, 9.0 }));
        using var covarianceB = diag(tensor(new[] { 4.0, 4.0, 1.0 }));

        var distance = FrechetDistance.Between(meanA, covarianceA, meanB, covarianceB);

        Assert.Equal(1 + 0 + 4 + (1.0 + 0 + 4), distance, precision: 9);
    }

    [Fact]
    public void GrowsWithCorruption()
    {
        using var clean = Features(500, 16, seed: 2);
        using var random = new Generator(3);
        using var noise = randn(clean.shape, generator: random);

        var distances = new[] { 0.0, 0.5, 1.0, 2.0 }.Select(sigma =>
        {
            using var corrupted = clean + sigma * noise;
            return FrechetDistance.Between(corrupted, clean);
        }).ToArray();

        Assert.True(distances[0] < 1e-6);
        for (var i = 1; i < distances.Length; i++) Assert.True(distances[i] > distances[i - 1], string.Join(", ", distances));
    }
}
