using System.Diagnostics;
using static TorchSharp.torch;

namespace WganService.Bench.Train;

/// <summary>What libtorch's float32 matrix multiply reaches on this machine at the current thread count.</summary>
public static class GemmPeak
{
    /// <summary>The best over square sizes 512 to 2048 (small ones fit the caches, large ones amortise the threading).</summary>
    public static double FlopsPerSecond() => Sizes.Max(n => FlopsPerSecond(n, repeats: n == 2048 ? 5 : 20));

    private static readonly int[] Sizes = [512, 1024, 2048];

    private static double FlopsPerSecond(int n, int repeats)
    {
        using var scope = NewDisposeScope();
        var a = randn(n, n);
        var b = randn(n, n);
        for (var i = 0; i < 3; i++) a.matmul(b).Dispose();
        var best = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            a.matmul(b).Dispose();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        // The best of several: the peak is what the hardware can do, not what a busy moment allowed.
        return 2.0 * n * n * n / best;
    }
}
