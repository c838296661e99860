using System.Globalization;

namespace WganService.Bench.Train;

/// <summary>
/// Resident memory of this process over 20,000 critic steps (4,000 toy-gp iterations), sampled every
/// 250 iterations. Growth is the last sample over the one at the end of warm-up (the first 500
/// iterations), with the median of the samples after warm-up beside it; the largest sample is printed
/// too, since short-lived peaks (allocator caches filling and emptying) are not growth but are real.
/// Every step runs in its own dispose scope, so the trend should be flat.
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
            var after = samples.Where(s => s.Iteration > WarmUp).Select(s => s.Megabytes).Order().ToArray();
            var (last, median, peak) = (samples[^1].Megabytes, after[after.Length / 2], after[^1]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"memory, toy-gp, {Iterations * 5:N0} critic steps on {threads} threads: RSS {atWarmUp:F0} MB after warm-up, " +
                $"{last:F0} MB at the end ({Percent(last, atWarmUp)}; target ≤ +5%), " +
                $"median after warm-up {median:F0} MB ({Percent(median, atWarmUp)}), peak {peak:F0} MB ({Percent(peak, atWarmUp)})"));
            Console.WriteLine("  samples (iteration: MB): " +
                string.Join(", ", samples.Select(s => FormattableString.Invariant($"{s.Iteration}: {s.Megabytes:F0}"))));
        }
    }

    // Rounded first: a change that rounds to zero printed "-+0.0%" through the negative section.
    private static string Percent(double value, double baseline) =>
        FormattableString.Invariant($"{Math.Round(100 * (value - baseline) / baseline, 1):+0.0;-0.0;+0.0}%");

    private static double RssMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
