using Prometheus;
using WganService.Api.Monitoring;

namespace WganService.Api.Hosting;

/// <summary>
/// Prometheus metrics at GET /metrics: the job gauges read at scrape time (<see cref="ServiceMetrics"/>),
/// .NET's meters (<see cref="DotNetMetersExport"/>: ASP.NET Core's request metrics, the runtime, Npgsql,
/// and the service's own <see cref="WganMeter"/>), and prometheus-net's process metrics.
/// </summary>
/// <remarks>
/// Everything lives on a registry created per host in DI, not on prometheus-net's static default
/// registry: a process can hold several hosts (the tests start dozens), and with the static one each
/// host would add another scrape callback reading a database that may be gone, and every host would
/// report the requests of the hosts before it.
/// HTTP requests are measured once, by ASP.NET Core's own meter (http.server.request.duration: its
/// count is the request count, labelled with route, method and status), not also by prometheus-net's
/// HTTP middleware, which measured the same requests a second time under other names.
/// </remarks>
public static class MetricsSetup
{
    public const string Route = "/metrics";

    public static void AddWganMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ =>
        {
            var registry = Metrics.NewCustomRegistry();
            // process_cpu_seconds_total, process_start_time_seconds, …: the names Prometheus' own process
            // dashboards and alerts use, which the runtime meter (system_runtime_*) does not provide.
            DotNetStats.Register(registry);
            return registry;
        });
        builder.Services.AddSingleton<WganMeter>();
        builder.Services.AddHostedService<DotNetMetersExport>();
        builder.Services.AddSingleton<ServiceMetrics>();
        builder.Services.AddSingleton<ScrapeRefresher>();
    }

    public static void MapWganMetrics(this WebApplication app)
    {
        var registry = app.Services.GetRequiredService<CollectorRegistry>();
        registry.AddBeforeCollectCallback(app.Services.GetRequiredService<ScrapeRefresher>().RefreshAsync);
        // Admin only: the job series count and name every tenant's jobs. Scrapes are not counted as traffic.
        app.MapMetrics(Route, registry).WithTags("Operations").RequireAuthorization(Auth.AuthSchemes.AdminPolicy)
            .DisableHttpMetrics();
    }

    /// <summary>Adds wgan_generate_duration to the /generate routes.</summary>
    public static RouteGroupBuilder WithGenerateDurationMetric(this RouteGroupBuilder generate) =>
        generate.AddEndpointFilter<GenerateDurationFilter>();
}
