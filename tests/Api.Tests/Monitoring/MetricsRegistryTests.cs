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

    /// <summary>
    /// .NET's MeterListener hears every host's meters at once: each host's /metrics must still count only
    /// the requests it served (the meters a host creates carry its meter factory as their scope).
    /// </summary>
    [Fact]
    public async Task TwoHostsRunningAtOnce_ReportOnlyTheirOwnRequests()
    {
        await using var first = WganApiFactory.Embedded();
        await using var second = WganApiFactory.Embedded();
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        for (var i = 0; i < 3; i++) (await firstClient.GetAsync("/health/live")).EnsureSuccessStatusCode();
        (await secondClient.GetAsync("/health/live")).EnsureSuccessStatusCode();
        // Once the first host has recorded its three, the second host's count is final as soon as it shows one.
        await firstClient.ScrapeUntilAsync(s => LiveRequests(s) == 3);
        var seen = await secondClient.ScrapeUntilAsync(s => LiveRequests(s) > 0);

        Assert.Equal(1, LiveRequests(seen));
    }

    private static async Task<double> HealthRequestsCountedByANewHostAfter(int requests)
    {
        await using var factory = WganApiFactory.Embedded();
        using var client = factory.CreateClient();
        for (var i = 0; i < requests; i++) (await client.GetAsync("/health/live")).EnsureSuccessStatusCode();
        // At least: a count that took in another host's requests would be larger.
        return LiveRequests(await client.ScrapeUntilAsync(s => LiveRequests(s) >= requests));
    }

    private static double LiveRequests(PrometheusScrape scrape) =>
        scrape.ValueOrNull($"{MetricsApiTests.RequestDuration}_count", ("http_route", "/health/live"),
            ("http_response_status_code", "200")) ?? 0;
}
