using System.Diagnostics;
using System.Net.Http.Json;

namespace WganService.Bench.Generate;

/// <summary>Latency percentiles and throughput of /generate under a closed loop of <c>concurrency</c> clients.</summary>
public sealed record LoadResult(double P50Seconds, double P99Seconds, double RequestsPerSecond, double SamplesPerSecond, int Requests);

public static class HttpLoad
{
    public static async Task<LoadResult> RunAsync(HttpClient http, Guid jobId, int count, int concurrency)
    {
        await RoundAsync(http, jobId, count, concurrency, requestsPerClient: 5); // Warm-up: cache load, JIT, connections.
        var perClient = Math.Max(10, 400 / concurrency);
        var watch = Stopwatch.StartNew();
        var latencies = await RoundAsync(http, jobId, count, concurrency, perClient);
        var elapsed = watch.Elapsed.TotalSeconds;
        latencies.Sort();
        return new LoadResult(
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Count / elapsed, latencies.Count * count / elapsed,
            latencies.Count);
    }

    private static async Task<List<double>> RoundAsync(HttpClient http, Guid jobId, int count, int concurrency, int requestsPerClient)
    {
        var clients = Enumerable.Range(0, concurrency).Select(async client =>
        {
            var mine = new List<double>(requestsPerClient);
            for (var i = 0; i < requestsPerClient; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.PostAsJsonAsync("/generate", new { jobId, count, seed = (client * 100_000) + i });
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsByteArrayAsync();
                mine.Add(watch.Elapsed.TotalSeconds);
            }
            return mine;
        });
        return [.. (await Task.WhenAll(clients)).SelectMany(l => l)];
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
