using System.Diagnostics;
using WganService.Domain.Gan;

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

    /// <summary>A fresh trainer, three warm-up iterations, then <paramref name="iterations"/> timed.</summary>
    public static double IterationsPerSecond(BenchConfig config, int iterations)
    {
        var (trainer, owned) = config.CreateTrainer();
        using (owned)
        {
            for (var i = 0; i < 3; i++) trainer.Step();
            return Time(trainer, iterations);
        }
    }
}
