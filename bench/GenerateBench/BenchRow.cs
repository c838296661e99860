using System.Globalization;
using System.Text;

namespace WganService.Bench.Generate;

/// <summary>One measured cell and its ratios to the bare forward pass, with the issue's targets.</summary>
public sealed record BenchRow(string Generator, int Count, int Concurrency, LoadResult Served, Timing BareAlone, Timing BareBatched)
{
    /// <summary>Target at concurrency 1: p50 ≤ 1.3 × bare + 2 ms.</summary>
    public double LatencyAllowance => (1.3 * BareAlone.MedianSeconds) + 0.002;

    /// <summary>Samples a second of one bare forward of concurrency × count latents.</summary>
    public double BareThroughput => Count * Concurrency / BareBatched.MedianSeconds;

    public double ThroughputRatio => Served.SamplesPerSecond / BareThroughput;

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"{Generator} count {Count} concurrency {Concurrency}: p50 {Ms(Served.P50Seconds)} p99 {Ms(Served.P99Seconds)} " +
        $"| bare {Ms(BareAlone.MedianSeconds)} " +
        $"| {Served.SamplesPerSecond:F0} samples/s vs bare batched {BareThroughput:F0} ({ThroughputRatio:F2}x)");

    public static string Markdown(IReadOnlyList<BenchRow> rows, double rssBefore, double rssAfter)
    {
        var text = new StringBuilder();
        text.AppendLine("| generator | count | concurrency | p50 | p99 | bare forward (p50) | p50 target (1.3× bare + 2 ms) " +
            "| samples/s | bare batched samples/s | throughput ratio |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Generator} | {r.Count} | {r.Concurrency} | {Ms(r.Served.P50Seconds)} | {Ms(r.Served.P99Seconds)} " +
                $"| {Ms(r.BareAlone.MedianSeconds)} " +
                $"| {(r.Concurrency == 1 ? Ms(r.LatencyAllowance) + (r.Served.P50Seconds <= r.LatencyAllowance ? " ✓" : " ✗") : "")} " +
                $"| {r.Served.SamplesPerSecond:F0} | {r.BareThroughput:F0} | {r.ThroughputRatio:F2} |"));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"\nApi resident memory: {rssBefore:F0} MB before the load, {rssAfter:F0} MB after " +
            $"{rows.Sum(r => r.Served.Requests)} measured requests."));
        return text.ToString();
    }

    public static string MemoryLine(IReadOnlyList<double> rssAfterEachRound) => string.Create(CultureInfo.InvariantCulture,
        $"Sustained load (dcgan28, count 64, concurrency 8, about 400 requests a round): Api RSS after each round " +
        $"{string.Join(", ", rssAfterEachRound.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))} MB.\n");

    private static string Ms(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:F2} ms");
}
