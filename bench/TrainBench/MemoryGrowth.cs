using System.Globalization;

namespace WganService.Bench.Train;

/// <summary>
/// Resident memory of this process over 20,000 critic steps (4,000 toy-gp iterations), sampled every
/// 250 iterations; growth is the largest sample after warm-up (the first 500 iterations) over the
/// sample at the end of warm-up. Every step runs in its own dispose scope, so it should stay flat.
/// </summary>
public static class MemoryGrowth
{
    private const int Iterations = 4_000, WarmUp = 500, Every = 250;

    public static void Report(int threads)
    {
        var config = BenchConfig.All.Single(c => c.Name == "toy-gp");
        var (trainer, owned) = config.CreateTrainer();
        using (owned)
        {
            var samples = new List<(int Iteration, double Megabytes)>();
            for (var i = 1; i <= Iterations; i++)
            {
                trainer.Step();
                if (i % Every == 0) samples.Add((i, RssMegabytes()));
            }
            var atWarmUp = samples.Single(s => s.Iteration == WarmUp).Megabytes;
            var worst = samples.Where(s => s.Iteration > WarmUp).Max(s => s.Megabytes);
            Console.WriteLine(FormattableString.Invariant(
                $"memory, toy-gp, {Iterations * 5:N0} critic steps on {threads} threads: RSS {atWarmUp:F0} MB after warm-up, at most {worst:F0} MB after it: {100 * (worst - atWarmUp) / atWarmUp:+0.0;-0.0}% (target ≤ +5%)"));
            Console.WriteLine("  samples (iteration: MB): " + string.Join(", ", samples.Select(s => FormattableString.Invariant($"{s.Iteration}: {s.Megabytes:F0}"))));
        }
    }

    private static double RssMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
