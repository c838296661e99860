using System.Net;
using WganService.Api.Deployment;
using WganService.Api.Hosting;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;

namespace WganService.Api.Tests.Tenants;

/// <summary>
/// When the service may start without keys: embedded mode on localhost, or anything with
/// Auth:Disabled=true. Everything else that would be open to other machines stops at start-up, saying why.
/// </summary>
[Collection("postgres")]
public sealed class AccessModeTests(PostgresServer postgres)
{
    // Never reached: the refusal comes before anything touches the database.
    private const string UnreachablePostgres = "Host=127.0.0.1;Port=1;Database=none;Timeout=1";

    [Fact]
    public async Task ServerMode_WithoutKeys_RefusesToStart_SayingHowToFixIt()
    {
        await using var factory = WganApiFactory.ServerMode(UnreachablePostgres, trainInApi: false);
        factory.Settings.Remove("Auth:Disabled");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();

        Assert.Contains("Server mode (ConnectionStrings:Postgres is set) refuses to start without API keys", error,
            StringComparison.Ordinal);
        Assert.Contains("Auth:Disabled=true", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerMode_WithAuthDisabled_StartsOpen()
    {
        await using var factory = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: false);
        Assert.Equal("true", factory.Settings["Auth:Disabled"]);
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/jobs")).StatusCode);
    }

    [Fact]
    public async Task ServerMode_WithKeys_Starts_AndNeedsOne()
    {
        await using var factory = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: false)
            .WithApiKey("alice", "k3y-a");
        using var client = factory.CreateClient();

        await Problem.AssertAsync(await client.GetAsync("/jobs"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ApiKeys.Get("/jobs", "k3y-a"))).StatusCode);
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:5080")]
    [InlineData("urls", "http://localhost:5080;http://*:5081")]
    [InlineData("http_ports", "8080")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://192.0.2.10:5080")]
    public async Task Embedded_WithoutKeys_BeyondLocalhost_RefusesToStart(string setting, string value)
    {
        await using var factory = WganApiFactory.Embedded();
        factory.Settings[setting] = value;

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();

        Assert.Contains("Embedded mode without API keys listens on localhost only", error, StringComparison.Ordinal);
        Assert.Contains("Auth:Disabled=true", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Embedded_BeyondLocalhost_StartsWithKeys_OrWithAuthDisabled(bool keys, bool disabled)
    {
        await using var factory = WganApiFactory.Embedded();
        factory.Settings["urls"] = "http://0.0.0.0:5080";
        if (keys) factory.WithApiKey("alice", "k3y-a");
        if (disabled) factory.Settings["Auth:Disabled"] = "true";
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task AuthDisabled_WithKeys_RefusesToStart()
    {
        await using var factory = WganApiFactory.Embedded().WithApiKey("alice", "k3y-a");
        factory.Settings["Auth:Disabled"] = "true";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();

        Assert.Contains("Auth:Disabled=true and Auth:ApiKeys are both set", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "ops/ci", "Auth:ApiKeys:0:Tenant is not set, so it would be the Name 'ops/ci'")]
    [InlineData("team/a", "alice", "Auth:ApiKeys:0:Tenant 'team/a' contains '/'")]
    [InlineData(" a", "alice", "Auth:ApiKeys:0:Tenant ' a' has surrounding spaces")]
    public async Task UnusableTenant_StopsStartUp_NamingTheEntry(string? tenant, string name, string message)
    {
        await using var factory = WganApiFactory.Embedded().WithApiKey(name, "k3y-a", tenant: tenant);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();

        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5080", false)]
    [InlineData("http://127.0.0.1:5080", false)]
    [InlineData("http://[::1]:5080", false)]
    [InlineData("https://LOCALHOST:5443/base", false)]
    [InlineData("http://0.0.0.0:5080", true)]
    [InlineData("http://[::]:5080", true)]
    [InlineData("http://*:5080", true)]
    [InlineData("http://+:5080", true)]
    [InlineData("http://wgan.example:5080", true)]
    public void ListenAddresses_TellLoopbackFromReachable(string url, bool reachable) =>
        Assert.Equal(reachable, new ListenAddresses([url]).Reachable.Count == 1);
}
