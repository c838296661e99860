using System.Diagnostics.Metrics;

namespace WganService.Api.Monitoring;

/// <summary>
/// The instruments the service records as things happen, on .NET's metrics API (a Meter from the host's
/// IMeterFactory, so each host has its own); /metrics exports them through <see cref="DotNetMetersExport"/>
/// as <c>{meter}_{instrument}</c>. The gauges read from the database at scrape time stay in
/// <see cref="ServiceMetrics"/>.
/// </summary>
public sealed class WganMeter
{
    public const string Name = "Wgan";

    /// <summary>From 1 ms (a cached generator, a few rows) to 10 s (a cold load and thousands of rows).</summary>
    public static readonly double[] GenerateBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public WganMeter(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        // Exported as wgan_generate_duration (seconds), its buckets from the advice.
        GenerateDuration = meter.CreateHistogram("generate.duration", "s",
            "Time POST /generate spends handling a request (loading, sampling, encoding), by format and status code.",
            tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = GenerateBuckets });
    }

    public Histogram<double> GenerateDuration { get; }
}
