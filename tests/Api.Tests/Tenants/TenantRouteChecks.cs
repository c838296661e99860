using System.Net;

namespace WganService.Api.Tests.Tenants;

/// <summary>The checks of one <see cref="TenantRoute"/> against a <see cref="TenantWorld"/>, shared by both storage modes.</summary>
public static class TenantRouteChecks
{
    /// <summary>
    /// Bob asks for alice's resource, and for one that does not exist: the two answers are the same 404 (400 for a dataset in a job).
    /// </summary>
    public static async Task AnotherTenantGetsWhatAnUnknownResourceGetsAsync(TenantWorld world, TenantRoute route)
    {
        var alices = new TenantRoute.Ids(world.AliceJob.ToString(), world.AliceDataset, "alice-only", world.AliceSweep.ToString());
        var unknown = TenantRoute.Ids.Unknown();

        var foreign = await SendAsync(world, route.Build(alices, admin: false), TenantWorld.BobKey);
        var missing = await SendAsync(world, route.Build(unknown, admin: false), TenantWorld.BobKey);

        var expected = route.Name == "train on dataset" ? HttpStatusCode.BadRequest : HttpStatusCode.NotFound;
        var foreignBody = await foreign.Content.ReadAsStringAsync();
        Assert.True(foreign.StatusCode == expected, $"{route.Name}: bob got {(int)foreign.StatusCode} for alice's: {foreignBody}");
        Assert.Equal(missing.StatusCode, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TenantRoute.Normalise(await missing.Content.ReadAsStringAsync(), unknown), TenantRoute.Normalise(foreignBody, alices));
    }

    /// <summary>The owner and the admin reach the resource (the admin naming alice's namespace for model names).</summary>
    public static async Task OwnerAndAdminReachItAsync(TenantWorld world, TenantRoute route)
    {
        if (route.Owner is not { } status) return;
        var alices = new TenantRoute.Ids(world.AliceJob.ToString(), world.AliceDataset, "alice-only", world.AliceSweep.ToString());
        foreach (var (key, admin) in new[] { (TenantWorld.AliceKey, false), (TenantWorld.AdminKey, true) })
        {
            var response = await SendAsync(world, route.Build(alices, admin), key);
            Assert.True(response.StatusCode == status,
                $"{route.Name}: {(admin ? "the admin" : "alice")} got {(int)response.StatusCode}, not {(int)status}: " +
                $"{await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(TenantWorld world, HttpRequestMessage request, string key)
    {
        using (request)
        {
            request.Headers.Add("X-Api-Key", key);
            var response = await world.Client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return response;
        }
    }
}
