using System.Net;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;

namespace WganService.Api.Tests.Tenants;

/// <summary>One embedded (SQLite) Api with two tenants and an admin, shared by the tests of <see cref="TenantIsolationTests"/>.</summary>
public sealed class SqliteTenantWorld : IAsyncLifetime
{
    public TenantWorld World { get; private set; } = null!;

    public async Task InitializeAsync() => World = await TenantWorld.CreateAsync(WganApiFactory.Embedded());

    public async Task DisposeAsync() => await World.DisposeAsync();
}

/// <summary>
/// Tenants on SQLite, through HTTP: another tenant's job, dataset or model answers like an unknown one on
/// every route; owners and the admin reach it. The tests share one world, so they assert what others leave alone.
/// </summary>
public sealed class TenantIsolationTests(SqliteTenantWorld fixture) : IClassFixture<SqliteTenantWorld>
{
    private TenantWorld World => fixture.World;

    [Theory]
    [MemberData(nameof(TenantRoute.Names), MemberType = typeof(TenantRoute))]
    public Task AnotherTenant_GetsExactlyWhatAnUnknownResourceGets(string route) =>
        TenantRouteChecks.AnotherTenantGetsWhatAnUnknownResourceGetsAsync(World, TenantRoute.Named(route));

    [Theory]
    [MemberData(nameof(TenantRoute.Names), MemberType = typeof(TenantRoute))]
    public Task OwnerAndAdmin_ReachTheResource(string route)
        => TenantRouteChecks.OwnerAndAdminReachItAsync(World, TenantRoute.Named(route));

    [Fact]
    public Task Lists_ShowOwnItems_AndTheAdminSeesEveryTenant() => TenantScenarios.ListsShowOwnItems_AndTheAdminSeesEveryTenantAsync(World);

    [Fact]
    public Task TwoTenants_ShareAModelName_EachGettingTheirOwn()
        => TenantScenarios.TwoTenantsShareAModelName_EachGettingTheirOwnAsync(World);

    [Fact]
    public async Task AnotherTenantsDeleteIs404_AndLeavesItAlone_WhileOwnerAndAdminDelete()
    {
        await Problem.AssertAsync(await World.SendAsync(HttpMethod.Delete, $"/datasets/{World.AliceDataset}", TenantWorld.BobKey),
            HttpStatusCode.NotFound);
        await Problem.AssertAsync(await World.SendAsync(HttpMethod.Delete, "/models/alice-only/versions/1", TenantWorld.BobKey),
            HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK,
            (await World.SendAsync(HttpMethod.Get, $"/datasets/{World.AliceDataset}", TenantWorld.AliceKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await World.SendAsync(HttpMethod.Get, "/models/alice-only/versions/1", TenantWorld.AliceKey)).StatusCode);

        foreach (var key in new[] { TenantWorld.AliceKey, TenantWorld.AdminKey })
        {
            var upload = await World.SendAsync(HttpMethod.Post, "/datasets", TenantWorld.AliceKey, TenantWorld.CsvUpload("scratch"));
            var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<WganService.Api.Datasets.DatasetResponse>(
                upload.Content, ApiClient.Json))!.Id;
            Assert.Equal(HttpStatusCode.NoContent, (await World.SendAsync(HttpMethod.Delete, $"/datasets/{id}", key)).StatusCode);
        }
        await World.RegisterAsync(TenantWorld.BobKey, "scratch", World.BobJob);
        await World.RegisterAsync(TenantWorld.BobKey, "scratch", World.BobJob);
        Assert.Equal(HttpStatusCode.NoContent,
            (await World.SendAsync(HttpMethod.Delete, "/models/scratch/versions/1", TenantWorld.BobKey)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await World.SendAsync(HttpMethod.Delete, "/models/scratch/versions/2?tenant=bob", TenantWorld.AdminKey)).StatusCode);
    }

    /// <summary>
    /// Both show every tenant's jobs, which no tenant filter can narrow: admins only (403 for a tenant's key, 401 without one).
    /// </summary>
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/hangfire")]
    public async Task Operations_AreForAdmins(string path)
    {
        await Problem.AssertAsync(await World.SendAsync(HttpMethod.Get, path, TenantWorld.AliceKey), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await World.Client.GetAsync(path), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await World.SendAsync(HttpMethod.Get, path, TenantWorld.AdminKey)).StatusCode);
    }

    [Fact]
    public async Task IdempotencyKeys_ArePerTenant()
    {
        var job = new { dataset = "8gaussians", variant = "wgan", hyperparameters = new { generatorSteps = 1, batchSize = 8, seed = 1 } };
        var other = new { dataset = "8gaussians", variant = "wgan", hyperparameters = new { generatorSteps = 1, batchSize = 8, seed = 2 } };

        var alices = await World.SubmitAsync(TenantWorld.AliceKey, job, idempotencyKey: "retry-me");
        // Bob's key of the same text neither replays alice's job nor counts as a reuse with another body (422).
        var bobs = await World.SubmitAsync(TenantWorld.BobKey, other, idempotencyKey: "retry-me");
        var alicesAgain = await World.SubmitAsync(TenantWorld.AliceKey, job, idempotencyKey: "retry-me");

        Assert.NotEqual(alices, bobs);
        Assert.Equal(alices, alicesAgain);
        Assert.Equal("bob", (await World.GetAsync<WganService.Api.Jobs.JobResponse>($"/jobs/{bobs}", TenantWorld.BobKey)).Tenant);
    }
}

/// <summary>The same checks on PostgreSQL (server mode, training in the Api), in one test: the world is built once.</summary>
[Collection("postgres")]
public sealed class TenantIsolationPostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task EveryRoute_IsIsolated_ListsAndModelNamesArePerTenant_OnPostgres()
    {
        await using var world = await TenantWorld.CreateAsync(
            WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: true));

        var failures = new List<string>();
        foreach (var route in TenantRoute.All)
        {
            try
            {
                await TenantRouteChecks.AnotherTenantGetsWhatAnUnknownResourceGetsAsync(world, route);
                await TenantRouteChecks.OwnerAndAdminReachItAsync(world, route);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException)
            {
                failures.Add($"{route.Name}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        await TenantScenarios.ListsShowOwnItems_AndTheAdminSeesEveryTenantAsync(world);
        await TenantScenarios.TwoTenantsShareAModelName_EachGettingTheirOwnAsync(world);
    }
}
