using System.Diagnostics.Metrics;
using Prometheus;

namespace WganService.Api.Monitoring;

/// <summary>
/// .NET meters on the host's registry through prometheus-net's MeterAdapter: ASP.NET Core's (hosting,
/// Kestrel, routing, rate limiting, …), the service's own (<see cref="WganMeter"/>), the runtime's and
/// Npgsql's. An instrument <c>i</c> of meter <c>m</c> becomes <c>m_i</c> in lower case with dots as
/// underscores (http.server.request.duration of Microsoft.AspNetCore.Hosting is
/// microsoft_aspnetcore_hosting_http_server_request_duration, in seconds); tags become labels likewise.
/// </summary>
/// <remarks>
/// A MeterListener hears every meter in the process, and the tests run many hosts in one process. Meters
/// a host creates through its IMeterFactory carry that factory as their scope, so each host exports only
/// its own of those (without the filter, one host's scrape would add up every host's requests). The
/// runtime's and Npgsql's meters have no scope: they describe the process and are exported by every host.
/// </remarks>
internal sealed class DotNetMetersExport(CollectorRegistry registry, IMeterFactory meters) : IHostedService, IDisposable
{
    /// <summary>Process-wide meters (no scope) worth exporting; others (EF Core, HttpClient's static ones) are left out.</summary>
    public static readonly IReadOnlySet<string> ProcessMeters = new HashSet<string>(StringComparer.Ordinal) { "System.Runtime", "Npgsql" };

    private IDisposable? _adapter;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = registry,
            // Must be set too: the default factory writes to prometheus-net's static registry, ignoring Registry.
            MetricFactory = Metrics.WithCustomRegistry(registry),
            InstrumentFilterPredicate = Exports,
            ResolveHistogramBuckets = Buckets,
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _adapter?.Dispose();

    private bool Exports(Instrument instrument) => instrument.Meter.Scope is null
        ? ProcessMeters.Contains(instrument.Meter.Name)
        : ReferenceEquals(instrument.Meter.Scope, meters);

    /// <summary>
    /// The buckets the instrument advises (ASP.NET Core's request duration: 5 ms to 10 s; WganMeter's), else
    /// prometheus-net's default (10 ms doubling 25 times).
    /// </summary>
    private static double[] Buckets(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds],
        Histogram<long> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(b => (double)b)],
        Histogram<int> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(b => (double)b)],
        _ => MeterAdapterOptions.DefaultHistogramBuckets,
    };
}
