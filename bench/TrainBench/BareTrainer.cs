using System.Diagnostics;
using WganService.Gan;

namespace WganService.Bench.Train;

/// <summary>The service's trainer alone: <see cref="WganTrainer.Step"/> in a loop, nothing written anywhere.</summary>
public static class BareTrainer
{
    public static double Time(WganTrainer trainer, int iterations)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) trainer.Step();
        return iterations / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// A fresh trainer, <paramref name="iterations"/> timed from its first step: a job's first steps pay
    /// libtorch's one-time costs (oneDNN choosing and building its kernels, the allocator's first blocks)
    /// as any run from scratch does, so the bare run it is compared with pays them too.
    /// </summary>
    public static double IterationsPerSecond(BenchConfig config, int iterations)
    {
        var (trainer, owned) = config.CreateTrainer();
        using (owned) return Time(trainer, iterations);
    }
}
