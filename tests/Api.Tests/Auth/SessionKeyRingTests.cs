using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using WganService.Api.Auth;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Persistence;

namespace WganService.Api.Tests.Auth;

/// <summary>
/// The keys that protect session cookies live in the database: a cookie from one Api replica opens the
/// dashboard on another, and on a replica started after the first one died. Each replica is a process with
/// its own HOME, where ASP.NET Core's default key ring would live, so only the database can carry the keys.
/// </summary>
[Collection("postgres")]
public sealed class SessionKeyRingTests(PostgresServer postgres)
{
    private const string Key = "k3y-for-alice-93fa";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Auth__ApiKeys__0__Name"] = "alice",
        ["Auth__ApiKeys__0__Sha256"] = ApiKeys.Sha256Hex(Key),
    };

    [Fact]
    public async Task SessionCookie_FromOneReplica_OpensAnother_AndOneStartedAfterItDied()
    {
        var database = await postgres.CreateDatabaseAsync();
        var first = await ApiProcess.StartAsync(database, Settings);
        string cookie;
        try
        {
            cookie = await SignInAsync(first);
            // Another host or image: a different content root, the same DataProtection:ApplicationName.
            await using var second = await ApiProcess.StartAsync(database, Settings, ownContentRoot: true);
            await AssertSignedInAsync(second, cookie, first);
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using var restarted = await ApiProcess.StartAsync(database, Settings);
        await AssertSignedInAsync(restarted, cookie, first);
        await using var db = new PostgresWganDbContext(new DbContextOptionsBuilder<PostgresWganDbContext>().UseNpgsql(database).Options);
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
    }

    [Fact]
    public async Task SessionKey_IsStoredInTheSqliteFile_AndTheCookieOutlivesARestart_Embedded()
    {
        var data = Directory.CreateTempSubdirectory("wgan-test-").FullName;
        try
        {
            string cookie;
            await using (var before = WganApiFactory.Embedded(data).WithApiKey("alice", Key))
            {
                using var client = before.CreateClient(new() { HandleCookies = false });
                var signIn = await client.PostAsJsonAsync("/auth/session", new { apiKey = Key });
                Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
                cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie")).Split(';')[0];
            }

            await using (var db = new SqliteWganDbContext(new DbContextOptionsBuilder<SqliteWganDbContext>()
                .UseSqlite($"Data Source={Path.Combine(data, "wgan.db")};Pooling=False").Options))
            {
                var xml = Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
                Assert.Contains("<key ", xml, StringComparison.Ordinal);
            }

            await using var after = WganApiFactory.Embedded(data).WithApiKey("alice", Key);
            using var restarted = after.CreateClient(new() { HandleCookies = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, "/jobs");
            request.Headers.Add("Cookie", cookie);
            Assert.Equal(HttpStatusCode.OK, (await restarted.SendAsync(request)).StatusCode);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<string> SignInAsync(ApiProcess api)
    {
        using var client = api.CreateClient();
        var response = await client.PostAsJsonAsync("/auth/session", new { apiKey = Key });
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{response.StatusCode}\n{api.Output}");
        // "wgan.session=…; path=/; samesite=strict; httponly": the part a browser sends back.
        return Assert.Single(response.Headers.GetValues("Set-Cookie")).Split(';')[0];
    }

    private static async Task AssertSignedInAsync(ApiProcess api, string cookie, ApiProcess issuer)
    {
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", cookie);

        var session = await client.GetFromJsonAsync<SessionResponse>("/auth/session");
        var jobs = await client.GetAsync("/jobs");

        var logs = $"This replica:\n{api.Output}\nThe one that issued the cookie:\n{issuer.Output}";
        Assert.True(session == new SessionResponse("alice", true), $"{session}\n{logs}");
        Assert.True(jobs.StatusCode == HttpStatusCode.OK, $"{jobs.StatusCode}\n{logs}");
    }
}
