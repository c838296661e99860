using WganService.Api.Tests.Infrastructure;

namespace WganService.Api.Tests.Monitoring;

/// <summary>.NET's own meters on /metrics beside the service's series (MetricsSetup, DotNetMetersExport).</summary>
public class DotNetMetersTests : EmbeddedApiTest
{
    private const string RequestDuration = MetricsApiTests.RequestDuration;

    [Fact]
    public async Task ARequest_IsExportedFromAspNetCoresMeter_WithItsRoute_BesideTheRuntimesSeries()
    {
        (await Client.GetAsync("/health/live")).EnsureSuccessStatusCode();
        (string, string)[] live = [("http_route", "/health/live"), ("http_request_method", "GET"), ("http_response_status_code", "200")];
        // ASP.NET Core records a request once its response is complete, which the client may see first.
        var scrape = await Client.ScrapeUntilAsync(s => s.ValueOrNull($"{RequestDuration}_count", live) is not null);

        Assert.Equal("histogram", scrape.Types[RequestDuration]);
        Assert.Equal(1, scrape.Value($"{RequestDuration}_count", live));
        Assert.InRange(scrape.Value($"{RequestDuration}_sum", live), double.Epsilon, 60); // seconds
        // The buckets ASP.NET Core advises for it (5 ms to 10 s), not prometheus-net's default ones.
        var bounds = scrape.Find($"{RequestDuration}_bucket", live).Select(b => PrometheusScrape.ParseNumber(b.Labels["le"])).Order();
        Assert.Equal([0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, double.PositiveInfinity], bounds);
        // The runtime's meter (System.Runtime) is read at scrape time.
        Assert.Equal(Environment.ProcessorCount, scrape.Value("system_runtime_dotnet_process_cpu_count"));
        Assert.True(scrape.Value("system_runtime_dotnet_gc_heap_total_allocated") > 0);
    }
}
