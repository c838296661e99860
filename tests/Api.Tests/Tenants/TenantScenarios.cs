using System.Net;
using WganService.Api.Datasets;
using WganService.Api.Generation;
using WganService.Api.Jobs;
using WganService.Api.Models;
using WganService.Api.Tests.Infrastructure;
using System.Net.Http.Json;

namespace WganService.Api.Tests.Tenants;

/// <summary>What lists show to whom, and names shared by two tenants: the checks both storage modes run.</summary>
public static class TenantScenarios
{
    public static async Task ListsShowOwnItems_AndTheAdminSeesEveryTenantAsync(TenantWorld world)
    {
        var aliceJobs = (await world.GetAsync<JobListResponse>("/jobs?limit=100", TenantWorld.AliceKey)).Items;
        Assert.All(aliceJobs, j => Assert.Equal("alice", j.Tenant));
        Assert.Contains(aliceJobs, j => j.Id == world.AliceJob);
        Assert.DoesNotContain(aliceJobs, j => j.Id == world.BobJob);
        var bobJobs = (await world.GetAsync<JobListResponse>("/jobs?limit=100", TenantWorld.BobKey)).Items;
        Assert.All(bobJobs, j => Assert.Equal("bob", j.Tenant));
        Assert.Contains(bobJobs, j => j.Id == world.BobJob);
        var adminJobs = (await world.GetAsync<JobListResponse>("/jobs?limit=100", TenantWorld.AdminKey)).Items;
        Assert.Contains(adminJobs, j => j.Id == world.AliceJob && j.Tenant == "alice");
        Assert.Contains(adminJobs, j => j.Id == world.BobJob && j.Tenant == "bob");

        // Built-ins belong to everyone; uploads to whoever uploaded them.
        var bobDatasets = (await world.GetAsync<DatasetListResponse>("/datasets", TenantWorld.BobKey)).Items;
        Assert.Contains(bobDatasets, d => d is { Id: "8gaussians", BuiltIn: true, Tenant: null });
        Assert.DoesNotContain(bobDatasets, d => !d.BuiltIn);
        Assert.Contains((await world.GetAsync<DatasetListResponse>("/datasets", TenantWorld.AliceKey)).Items,
            d => d.Id == world.AliceDataset && d.Tenant == "alice");
        Assert.Contains((await world.GetAsync<DatasetListResponse>("/datasets", TenantWorld.AdminKey)).Items,
            d => d.Id == world.AliceDataset);

        var bobModels = (await world.GetAsync<ModelListResponse>("/models", TenantWorld.BobKey)).Items;
        Assert.All(bobModels, m => Assert.Equal("bob", m.Tenant));
        Assert.Contains(bobModels, m => m.Name == "digits");
        var aliceModels = (await world.GetAsync<ModelListResponse>("/models", TenantWorld.AliceKey)).Items;
        Assert.All(aliceModels, m => Assert.Equal("alice", m.Tenant));
        Assert.Contains(aliceModels, m => m.Name == "alice-only");
        var adminModels = (await world.GetAsync<ModelListResponse>("/models", TenantWorld.AdminKey)).Items;
        Assert.Contains(adminModels, m => (m.Tenant, m.Name) == ("alice", "digits"));
        Assert.Contains(adminModels, m => (m.Tenant, m.Name) == ("bob", "digits"));
        var bobsForAdmin = (await world.GetAsync<ModelListResponse>("/models?tenant=bob", TenantWorld.AdminKey)).Items;
        Assert.All(bobsForAdmin, m => Assert.Equal("bob", m.Tenant));
        Assert.Contains(bobsForAdmin, m => m.Name == "digits");
    }

    /// <summary>Both have a "digits": each samples their own job's generator, and an admin picks whose with ?tenant=.</summary>
    public static async Task TwoTenantsShareAModelName_EachGettingTheirOwnAsync(TenantWorld world)
    {
        Assert.Equal(world.AliceJob, (await GenerateAsync(world, "/generate", TenantWorld.AliceKey)).JobId);
        Assert.Equal(world.BobJob, (await GenerateAsync(world, "/generate", TenantWorld.BobKey)).JobId);
        Assert.Equal(world.BobJob, (await GenerateAsync(world, "/generate?tenant=bob", TenantWorld.AdminKey)).JobId);
        Assert.Equal(world.AliceJob,
            (await world.GetAsync<ModelResponse>("/models/digits?tenant=alice", TenantWorld.AdminKey)).Versions.Single().JobId);
        // The admin's own namespace ("ops") has no "digits".
        await Problem.AssertAsync(
            await world.SendAsync(HttpMethod.Post, "/generate", TenantWorld.AdminKey,
                Body(new { model = "digits", count = 1 })), HttpStatusCode.NotFound);
        // Another tenant's namespace is an admin's to name, nobody else's.
        await Problem.AssertAsync(await world.SendAsync(HttpMethod.Get, "/models?tenant=bob", TenantWorld.AliceKey),
            HttpStatusCode.BadRequest, "tenant");
        await Problem.AssertAsync(
            await world.SendAsync(HttpMethod.Post, "/generate?tenant=bob", TenantWorld.AliceKey,
                Body(new { model = "digits", count = 1 })), HttpStatusCode.BadRequest, "tenant");
    }

    private static async Task<GenerateResponse> GenerateAsync(TenantWorld world, string path, string key)
    {
        var response = await world.SendAsync(HttpMethod.Post, path, key, Body(new { model = "digits", count = 2, seed = 1 }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<GenerateResponse>(ApiClient.Json))!;
    }

    public static JsonContent Body(object value) => JsonContent.Create(value, options: ApiClient.Json);
}
