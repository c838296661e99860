using System.Net;
using System.Net.Http.Json;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;

namespace WganService.Api.Tests.Hosting;

/// <summary>
/// /hangfire is behind the API's own authentication, not Hangfire's local-requests-only rule: every
/// request here comes from a non-loopback address, as it would through a proxy or into a container.
/// It lists every tenant's jobs, so it takes an admin key.
/// </summary>
[Collection("postgres")]
public sealed class HangfireDashboardTests(PostgresServer postgres)
{
    private const string Key = "k3y-for-ops-41d2";
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    [Theory, BothStorages]
    public async Task Dashboard_NeedsAKey_FromARemoteAddress(Storage storage)
    {
        await using var factory = (await WganApiFactory.OnAsync(storage, postgres, trainInApi: false)).WithApiKey("ops", Key, admin: true);
        using var client = factory.FromRemoteAddress(Remote).CreateClient();

        foreach (var path in new[] { "/hangfire", "/hangfire/jobs/enqueued" })
        {
            var anonymous = await client.GetAsync(path);
            await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized);
            Assert.Equal("ApiKey", Assert.Single(anonymous.Headers.WwwAuthenticate).Scheme);
            await Problem.AssertAsync(await client.SendAsync(ApiKeys.Get(path, "wrong")), HttpStatusCode.Unauthorized);

            await AssertDashboardPageAsync(await client.SendAsync(ApiKeys.Get(path, Key)));
        }
    }

    [Fact]
    public async Task Dashboard_IsOpen_WithoutKeys_Embedded()
    {
        await using var factory = WganApiFactory.Embedded();
        using var client = factory.FromRemoteAddress(Remote).CreateClient();

        await AssertDashboardPageAsync(await client.GetAsync("/hangfire"));
    }

    [Fact]
    public async Task Dashboard_OpensWithTheBrowserSessionCookie()
    {
        await using var factory = WganApiFactory.Embedded().WithApiKey("ops", Key, admin: true);
        using var client = factory.FromRemoteAddress(Remote).CreateClient();
        await Problem.AssertAsync(await client.GetAsync("/hangfire"), HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/auth/session", new { apiKey = Key })).StatusCode);

        await AssertDashboardPageAsync(await client.GetAsync("/hangfire"));
    }

    [Fact]
    public async Task Dashboard_RefusesATenantKey_With403()
    {
        await using var factory = WganApiFactory.Embedded().WithApiKey("ops", Key, admin: true)
            .WithApiKey("alice", "k3y-for-alice", index: 1);
        using var client = factory.FromRemoteAddress(Remote).CreateClient();

        await Problem.AssertAsync(await client.SendAsync(ApiKeys.Get("/hangfire", "k3y-for-alice")), HttpStatusCode.Forbidden);
        await AssertDashboardPageAsync(await client.SendAsync(ApiKeys.Get("/hangfire", Key)));
    }

    private static async Task AssertDashboardPageAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("WganService jobs", body, StringComparison.Ordinal);
    }
}
