using WganService.Api.Tests.Infrastructure;

namespace WganService.Api.Tests.Monitoring;

/// <summary>Hosts in one process (as here) must not report each other's numbers.</summary>
public class MetricsRegistryTests
{
    [Fact]
    public async Task EachHost_ReportsOnlyItsOwnRequests()
    {
        Assert.Equal(3, await HealthRequestsCountedByANewHostAfter(requests: 3));
        Assert.Equal(1, await HealthRequestsCountedByANewHostAfter(requests: 1));
    }

    private static async Task<double> HealthRequestsCountedByANewHostAfter(int requests)
    {
        await using var factory = WganApiFactory.Embedded();
        using var client = factory.CreateClient();
        for (var i = 0; i < requests; i++) (await client.GetAsync("/health/live")).EnsureSuccessStatusCode();
        return (await client.ScrapeAsync()).Value("http_requests_received_total", ("endpoint", "/health/live"), ("code", "200"));
    }
}
