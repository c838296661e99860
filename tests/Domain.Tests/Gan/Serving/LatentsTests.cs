using WganService.Gan.Serving;

namespace WganService.Domain.Tests.Gan.Serving;

public sealed class LatentsTests
{
    [Fact]
    public void SameSeed_SameLatents_OtherSeed_Others()
    {
        Assert.Equal(Latents.FromSeed(4, 100, 7), Latents.FromSeed(4, 100, 7));
        Assert.NotEqual(Latents.FromSeed(4, 100, 7), Latents.FromSeed(4, 100, 8));
    }

    [Fact]
    public void Truncation_RedrawsOnlyTheComponentsBeyondPsi()
    {
        const double psi = 0.5;
        var plain = Latents.FromSeed(64, 100, 3);
        var truncated = Latents.FromSeed(64, 100, 3, psi);

        Assert.All(truncated, z => Assert.InRange(Math.Abs(z), 0, psi));
        for (var i = 0; i < plain.Length; i++)
            if (Math.Abs(plain[i]) <= psi) Assert.Equal(plain[i], truncated[i]);
        Assert.Contains(plain, z => Math.Abs(z) > psi);
        Assert.Equal(truncated, Latents.FromSeed(64, 100, 3, psi));
    }

    [Fact]
    public void Interpolation_StartsAndEndsAtTheSeedsLatents_AndFollowsTheGreatCircle()
    {
        const int dim = 16, steps = 9;
        var path = Latents.Interpolate(1, 2, steps, dim);
        var from = Latents.FromSeed(1, dim, 1);
        var to = Latents.FromSeed(1, dim, 2);

        Assert.Equal(steps * dim, path.Length);
        AssertClose(from, path[..dim]);
        AssertClose(to, path[^dim..]);
        // Equal steps in angle along the great circle between the two.
        var angles = Enumerable.Range(0, steps - 1)
            .Select(i => Angle(path.AsSpan(i * dim, dim), path.AsSpan((i + 1) * dim, dim)))
            .ToArray();
        Assert.All(angles, a => Assert.Equal(angles[0], a, 1e-3));
        Assert.Equal(Angle(from, to), angles.Sum(), 1e-3);
    }

    private static double Angle(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) (dot, na, nb) = (dot + (a[i] * b[i]), na + (a[i] * a[i]), nb + (b[i] * b[i]));
        return Math.Acos(Math.Clamp(dot / Math.Sqrt(na * nb), -1, 1));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5f);
    }
}
