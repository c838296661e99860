using Prometheus;
using WganService.Api.Monitoring;

namespace WganService.Api.Hosting;

/// <summary>
/// Prometheus metrics at GET /metrics: the service's own series (<see cref="ServiceMetrics"/>), HTTP
/// request metrics, and basic process metrics.
/// </summary>
/// <remarks>
/// Everything lives on a registry created per host in DI, not on prometheus-net's static default
/// registry: a process can hold several hosts (the tests start dozens), and with the static one each
/// host would add another scrape callback reading a database that may be gone, and every host would
/// report the requests of the hosts before it. A deployment has one host per process, so the only
/// difference there is that .NET's event counters and meters are not exported (the static registry
/// adds those on its first scrape); the process metrics below are registered explicitly.
/// </remarks>
public static class MetricsSetup
{
    /// <summary>prometheus-net's HTTP middleware leaves out exactly this path, so scrapes are not counted as traffic.</summary>
    public const string Route = "/metrics";

    public static void AddWganMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ =>
        {
            var registry = Metrics.NewCustomRegistry();
            DotNetStats.Register(registry);
            return registry;
        });
        builder.Services.AddSingleton<ServiceMetrics>();
        builder.Services.AddSingleton<ScrapeRefresher>();
    }

    /// <summary>
    /// Outside the exception handler and the rate limiter, so requests count with the status the client
    /// got (500, 429). Routing has already chosen the endpoint (WebApplication routes first), which gives
    /// the endpoint label its route pattern.
    /// </summary>
    public static void UseWganMetrics(this WebApplication app)
    {
        var factory = Metrics.WithCustomRegistry(app.Services.GetRequiredService<CollectorRegistry>());
        app.UseHttpMetrics(options => options.SetMetricFactory(factory));
    }

    public static void MapWganMetrics(this WebApplication app)
    {
        var registry = app.Services.GetRequiredService<CollectorRegistry>();
        registry.AddBeforeCollectCallback(app.Services.GetRequiredService<ScrapeRefresher>().RefreshAsync);
        // Admin only: the job series count and name every tenant's jobs.
        app.MapMetrics(Route, registry).WithTags("Operations").RequireAuthorization(Auth.AuthSchemes.AdminPolicy);
    }

    /// <summary>Adds wgan_generate_duration_seconds to the /generate routes.</summary>
    public static RouteGroupBuilder WithGenerateDurationMetric(this RouteGroupBuilder generate) =>
        generate.AddEndpointFilter<GenerateDurationFilter>();
}
