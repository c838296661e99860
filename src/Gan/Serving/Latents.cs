using static TorchSharp.torch;

namespace WganService.Gan.Serving;

/// <summary>
/// The latent vectors /generate feeds a generator, as row-major float arrays (count × latentDim).
/// Drawn on the CPU from a seeded generator, so a seed means the same samples on every host and device.
/// </summary>
public static class Latents
{
    /// <summary>Below this ψ almost every draw would be resampled; the loop below needs ψ well above 0.</summary>
    public const double MinTruncation = 0.1;
    public const double MaxTruncation = 10;

    /// <summary>Standard normal latents from <paramref name="seed"/>.</summary>
    /// <param name="truncation">ψ of the truncation trick (Brock et al. 2019, BigGAN): every component whose
    /// magnitude exceeds ψ is drawn again until none does. Components already within ψ keep their value,
    /// so a truncated batch differs from the untruncated one only where it had to.</param>
    public static float[] FromSeed(int count, int latentDim, long seed, double? truncation = null)
    {
        using var scope = NewDisposeScope();
        var random = new Generator(unchecked((ulong)seed));
        var latents = randn([count, latentDim], generator: random);
        if (truncation is { } psi) Truncate(latents, psi, random);
        return latents.data<float>().ToArray();
    }

    /// <summary>
    /// <paramref name="steps"/> latents from the latent of <paramref name="fromSeed"/> to that of <paramref name="toSeed"/>,
    /// spherically (White 2016): Gaussian latents concentrate near a sphere, and a straight line between two of
    /// them passes through its less likely interior. The direction moves along the great circle in equal angles;
    /// the length moves linearly from one endpoint's to the other's.
    /// </summary>
    public static float[] Interpolate(long fromSeed, long toSeed, int steps, int latentDim, double? truncation = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        using var scope = NewDisposeScope();
        var from = tensor(FromSeed(1, latentDim, fromSeed, truncation), float64);
        var to = tensor(FromSeed(1, latentDim, toSeed, truncation), float64);
        var t = linspace(0, 1, steps, dtype: float64).unsqueeze(1);
        var (fromLength, toLength) = (from.norm(), to.norm());
        var (fromDirection, toDirection) = (from / fromLength, to / toLength);
        var omega = Math.Acos(fromDirection.dot(toDirection).clamp(-1, 1).item<double>());
        // Nearly parallel endpoints: sin ω → 0, and the straight line between the directions is the same path.
        var direction = Math.Sin(omega) < 1e-6
            ? (1 - t) * fromDirection + t * toDirection
            : (sin((1 - t) * omega) * fromDirection + sin(t * omega) * toDirection) / Math.Sin(omega);
        var path = direction * ((1 - t) * fromLength + t * toLength);
        return path.to_type(float32).contiguous().data<float>().ToArray();
    }

    private static void Truncate(Tensor latents, double psi, Generator random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(psi, MinTruncation);
        for (var outside = latents.abs() > psi; outside.any().item<bool>(); outside = latents.abs() > psi)
        {
            var redrawn = randn([outside.sum().item<long>()], generator: random);
            latents.masked_scatter_(outside, redrawn);
        }
    }
}
