using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using WganService.Api.Tests.Infrastructure;

namespace WganService.Api.Tests.Hosting;

/// <summary>
/// ForwardedHeaders:*: behind a trusted proxy the client's address and scheme come from X-Forwarded-For and
/// X-Forwarded-Proto; from anyone else, or with the setting off, the headers change nothing. Every request
/// here arrives from the proxy's address, as it would through nginx or Traefik.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Key = "k3y-for-alice-5b0e";
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");

    [Theory]
    [InlineData(true, "10.0.0.5", null, true)]
    [InlineData(true, null, "10.0.0.0/24", true)]
    [InlineData(true, "10.0.0.9", null, false)]
    [InlineData(false, "10.0.0.5", null, false)]
    public async Task ClientsBehindTheProxy_HaveTheirOwnRateLimitBucket_OnlyWhenTheProxyIsTrusted(
        bool enabled, string? knownProxy, string? knownNetwork, bool ownBuckets)
    {
        await using var factory = Behind(enabled, knownProxy, knownNetwork);
        factory.Settings["Generation:RateLimit:PermitsPerSecond"] = "1";
        factory.Settings["Generation:RateLimit:Burst"] = "2";
        using var client = factory.FromRemoteAddress(Proxy).CreateClient();

        // The first client empties its bucket (2 tokens, 1 more a second) at once: 6 requests side by side, so a
        // slow machine cannot refill it between them. The refusal comes back before the others' database work.
        var first = Enumerable.Range(0, 6).Select(_ => GenerateAsync(client, "203.0.113.1")).ToList();
        Assert.True(await AnyRefusedAsync(first), "The first client was never refused.");

        // A second client the moment the first is refused: a fresh bucket of 2 if the header is believed; else the
        // empty one, which would need two refills (over a second) to let both through.
        var second = await Task.WhenAll(GenerateAsync(client, "203.0.113.2"), GenerateAsync(client, "203.0.113.2"));
        await Task.WhenAll(first);
        if (ownBuckets) Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], second);
        else Assert.Contains(HttpStatusCode.TooManyRequests, second);
    }

    [Theory]
    [InlineData(true, "10.0.0.5", true)]
    [InlineData(true, "10.0.0.9", false)]
    [InlineData(false, "10.0.0.5", false)]
    public async Task SessionCookie_IsSecure_WhenATrustedProxySaysTheRequestWasHttps(bool enabled, string knownProxy, bool secure)
    {
        await using var factory = Behind(enabled, knownProxy, knownNetwork: null).WithApiKey("alice", Key);
        using var client = factory.FromRemoteAddress(Proxy).CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/auth/session") { Content = JsonContent.Create(new { apiKey = Key }) };
        signIn.Headers.Add("X-Forwarded-Proto", "https");
        signIn.Headers.Add("X-Forwarded-For", "203.0.113.1");

        var response = await client.SendAsync(signIn);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie")).ToLowerInvariant();
        Assert.Equal(secure, cookie.Split(';').Any(part => part.Trim() == "secure"));
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.0.300", "ForwardedHeaders:KnownProxies:0")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0", "ForwardedHeaders:KnownNetworks:0")]
    [InlineData("ForwardedHeaders:ForwardLimit", "0", "ForwardedHeaders:ForwardLimit")]
    [InlineData("FORWARDEDHEADERS_ENABLED", "true", "ASPNETCORE_FORWARDEDHEADERS_ENABLED")]
    public async Task StartUp_Fails_NamingTheSetting(string setting, string value, string named)
    {
        await using var factory = WganApiFactory.Embedded();
        factory.Settings[setting] = value;

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();

        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    private static WganApiFactory Behind(bool enabled, string? knownProxy, string? knownNetwork)
    {
        var factory = WganApiFactory.Embedded();
        factory.Settings["ForwardedHeaders:Enabled"] = enabled ? "true" : "false";
        if (knownProxy is not null) factory.Settings["ForwardedHeaders:KnownProxies:0"] = knownProxy;
        if (knownNetwork is not null) factory.Settings["ForwardedHeaders:KnownNetworks:0"] = knownNetwork;
        return factory;
    }

    /// <summary>Whether any of the requests is answered 429, returning as soon as one is.</summary>
    private static async Task<bool> AnyRefusedAsync(List<Task<HttpStatusCode>> requests)
    {
        var pending = new List<Task<HttpStatusCode>>(requests);
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            if (await done == HttpStatusCode.TooManyRequests) return true;
            pending.Remove(done);
        }
        return false;
    }

    private static async Task<HttpStatusCode> GenerateAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/generate");
        request.Content = JsonContent.Create(new { jobId = Guid.NewGuid() });
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
