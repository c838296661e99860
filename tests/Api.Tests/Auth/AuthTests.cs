using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using WganService.Api.Auth;
using WganService.Api.Tests.Infrastructure;

namespace WganService.Api.Tests.Auth;

/// <summary>API keys in X-Api-Key, the dashboard's session cookie, and what stays anonymous (embedded mode).</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private const string Key = "k3y-for-alice-7c1e0b";
    private readonly WganApiFactory _factory = WganApiFactory.Embedded().WithApiKey("alice", Key);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Request_WithoutKey_Is401Problem_WithApiKeyChallenge()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync("/jobs");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("ApiKey", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Request_WithKey_Succeeds()
    {
        using var client = _factory.CreateClient();

        var response = await client.SendAsync(ApiKeys.Get("/jobs", Key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("k3y-for-alice-7c1e0c")]
    [InlineData("K3Y-FOR-ALICE-7C1E0B")]
    [InlineData("k3y-for-alice-7c1e0b,k3y-for-alice-7c1e0b")]
    public async Task Request_WithWrongKey_Is401Problem(string key)
    {
        using var client = _factory.CreateClient();

        var response = await client.SendAsync(ApiKeys.Get("/jobs", key));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("not valid", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")]
    [InlineData("Cookie", "wgan.session=not-a-ticket")]
    public async Task Unauthenticated_IsNeverRedirected_To_A_LoginPage(string header, string value)
    {
        using var client = _factory.CreateClient(
            new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = ApiKeys.Get("/jobs", key: null);
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await client.SendAsync(request);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("http", false)]
    [InlineData("https", true)]
    public async Task SessionCookie_SignIn_Use_SignOut(string scheme, bool secure)
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"{scheme}://localhost") });

        var signIn = await client.PostAsJsonAsync("/auth/session", new { apiKey = Key });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie")).ToLowerInvariant();
        Assert.StartsWith("wgan.session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Equal(secure, cookie.Contains("secure;", StringComparison.Ordinal) || cookie.EndsWith("secure", StringComparison.Ordinal));
        Assert.DoesNotContain("expires=", cookie, StringComparison.Ordinal); // a browser-session cookie
        Assert.Equal(new SessionResponse("alice", true), await client.GetFromJsonAsync<SessionResponse>("/auth/session"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/jobs")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/auth/session")).StatusCode);

        await Problem.AssertAsync(await client.GetAsync("/jobs"), HttpStatusCode.Unauthorized);
        Assert.Equal(new SessionResponse(null, true), await client.GetFromJsonAsync<SessionResponse>("/auth/session"));
    }

    [Fact]
    public async Task SignIn_WithWrongKey_Is401Problem_AndSetsNoCookie()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsJsonAsync("/auth/session", new { apiKey = "guess" });

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        await Problem.AssertAsync(await client.GetAsync("/jobs"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("{}", "apiKey")]
    [InlineData("""{"apiKey":""}""", "apiKey")]
    [InlineData("""{"apiKey":null}""", "apiKey")]
    [InlineData("", "apiKey")]
    [InlineData("""{"apiKey":42}""", "apiKey")]
    [InlineData("""{"key":"k3y-for-alice-7c1e0b"}""", "key")]
    public async Task SignIn_WithoutUsableApiKey_Is400NamingTheField(string body, string field)
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsync("/auth/session", new StringContent(body, Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/swagger/index.html")]
    [InlineData("/auth/session")]
    public async Task OperationsAndSignIn_AreAnonymous(string path)
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Swagger_DescribesTheApiKeyHeader_SoAuthorizeWorks()
    {
        using var client = _factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.Contains(document.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("ApiKey", out _));
    }

    [Fact]
    public async Task WithoutKeys_TheServiceIsOpen()
    {
        await using var open = WganApiFactory.Embedded();
        using var client = open.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/jobs")).StatusCode);
        Assert.Equal(new SessionResponse(null, false), await client.GetFromJsonAsync<SessionResponse>("/auth/session"));
        // Nothing to sign in with: any key is wrong.
        await Problem.AssertAsync(await client.PostAsJsonAsync("/auth/session", new { apiKey = Key }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task KeyChanges_ApplyWithoutRestart_AndEndSessionsOfRevokedKeys()
    {
        var settings = new ReloadableSettings();
        await using var open = WganApiFactory.Embedded();
        using var client = open.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.Add(settings))).CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/jobs")).StatusCode);

        settings.Replace(KeySettings(("alice", Key)));
        await Problem.AssertAsync(await client.GetAsync("/jobs"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/auth/session", new { apiKey = Key })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/jobs")).StatusCode);

        settings.Replace(KeySettings(("bob", "k3y-for-bob")));
        await Problem.AssertAsync(await client.GetAsync("/jobs"), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await client.SendAsync(ApiKeys.Get("/jobs", Key)), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ApiKeys.Get("/jobs", "k3y-for-bob"))).StatusCode);
    }

    [Fact]
    public async Task ASession_FollowsItsKeysTenant_WhenTheConfigurationChanges()
    {
        var settings = new ReloadableSettings();
        await using var open = WganApiFactory.Embedded();
        using var client = open.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.Add(settings))).CreateClient();
        settings.Replace(new Dictionary<string, string?>(KeySettings(("alice", Key))) { ["Auth:ApiKeys:0:Tenant"] = "team-a" });
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/auth/session", new { apiKey = Key })).StatusCode);
        var upload = await client.PostAsync("/datasets", WganService.Api.Tests.Tenants.TenantWorld.CsvUpload());
        var dataset = (await upload.Content.ReadFromJsonAsync<WganService.Api.Datasets.DatasetResponse>(ApiClient.Json))!;
        Assert.Equal("team-a", dataset.Tenant);

        settings.Replace(new Dictionary<string, string?>(KeySettings(("alice", Key))) { ["Auth:ApiKeys:0:Tenant"] = "team-b" });

        // The same cookie now acts for team-b, which cannot see team-a's upload.
        await Problem.AssertAsync(await client.GetAsync($"/datasets/{dataset.Id}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Auth:ApiKeys:0:Sha256", "not-a-hash", "Auth:ApiKeys:0:Sha256")]
    [InlineData("Auth:ApiKeys:0:Name", "", "Auth:ApiKeys:0:Name")]
    [InlineData("Auth:ApiKeys:1:Name", "alice", "Auth:ApiKeys:1:Name")]
    public async Task InvalidKeyConfiguration_StopsStartUp_NamingTheEntry(string setting, string value, string named)
    {
        await using var factory = WganApiFactory.Embedded().WithApiKey("alice", Key).WithApiKey("bob", "k3y-for-bob", index: 1);
        factory.Settings[setting] = value;

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> KeySettings(params (string Name, string Key)[] keys) =>
        keys.SelectMany((k, i) => new[]
        {
            KeyValuePair.Create($"Auth:ApiKeys:{i}:Name", (string?)k.Name),
            KeyValuePair.Create($"Auth:ApiKeys:{i}:Sha256", (string?)ApiKeys.Sha256Hex(k.Key)),
        }).ToDictionary();
}
