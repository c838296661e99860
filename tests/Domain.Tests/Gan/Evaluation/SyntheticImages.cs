using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Evaluation;

/// <summary>Small image distributions built with tensor ops, (n, 1, size, size) in [−1, 1], for evaluation tests.</summary>
internal static class SyntheticImages
{
    /// <summary>One white Gaussian blob on black (MNIST-like): random centre in the middle half, σ in [1.5, 3.5] px.</summary>
    public static Tensor Blobs(long n, ulong seed, int size = 28)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(seed);
        var (y, x) = Grid(size);
        var cy = (0.25f + 0.5f * rand([n, 1, 1, 1], generator: random)) * size;
        var cx = (0.25f + 0.5f * rand([n, 1, 1, 1], generator: random)) * size;
        var sigma = 1.5f + 2 * rand([n, 1, 1, 1], generator: random);
        var r2 = (y - cy).square() + (x - cx).square();
        return (2 * (-r2 / (2 * sigma.square())).exp() - 1).MoveToOuterDisposeScope();
    }

    /// <summary>Sinusoidal stripes: random orientation, phase, and 0.1–0.25 cycles per pixel.</summary>
    public static Tensor Stripes(long n, ulong seed, int size = 28)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(seed);
        var (y, x) = Grid(size);
        var angle = Math.PI * rand([n, 1, 1, 1], generator: random);
        var frequency = 0.1f + 0.15f * rand([n, 1, 1, 1], generator: random);
        var phase = 2 * Math.PI * rand([n, 1, 1, 1], generator: random);
        return (2 * Math.PI * frequency * (x * angle.cos() + y * angle.sin()) + phase).sin().MoveToOuterDisposeScope();
    }

    /// <summary>Independent uniform pixels.</summary>
    public static Tensor Noise(long n, ulong seed, int size = 28, int channels = 1)
    {
        using var random = new Generator(seed);
        return rand([n, channels, size, size], generator: random) * 2 - 1;
    }

    private static (Tensor Y, Tensor X) Grid(int size)
    {
        var axis = arange(size, dtype: ScalarType.Float32);
        return (axis.view(1, 1, size, 1), axis.view(1, 1, 1, size));
    }
}
