using System.Net;
using System.Net.Http.Json;
using WganService.Api.Generation;
using WganService.Api.Models;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Persistence;
using WganService.Domain.Tenants;

namespace WganService.Api.Tests.Models;

/// <summary>The registry's life (register, list, sample by model, delete) in both storage modes, and what versions pin.</summary>
[Collection("postgres")]
public sealed class ModelRegistryTests(PostgresServer postgres)
{
    [Theory, BothStorages]
    public async Task Registry_RegistersListsServesAndDeletesVersions(Storage storage)
    {
        await using var factory = await WganApiFactory.OnAsync(storage, postgres);
        using var client = factory.CreateClient();

        var first = (await client.SubmitAsync(ApiClient.QuickJob(steps: 10))).Id;
        var second = (await client.SubmitAsync(new
        {
            dataset = "8gaussians", variant = "wgan-gp",
            hyperparameters = new { generatorSteps = 10, batchSize = 32, seed = 6 },
        })).Id;
        await client.WaitUntilFinishedAsync(first);
        await client.WaitUntilFinishedAsync(second);

        var v1 = await RegisterAsync(client, new { name = "ring", jobId = first, description = "first try" });
        var v2 = await RegisterAsync(client, new { name = "ring", jobId = second, checkpoint = "final" });
        Assert.Equal((1, "ring:1", "best", "first try"), (v1.Version, v1.Reference, v1.Checkpoint, v1.Description));
        Assert.Equal((2, "final", 10), (v2.Version, v2.Checkpoint, v2.GeneratorStep));

        var list = (await client.GetFromJsonAsync<ModelListResponse>("/models", ApiClient.Json))!;
        Assert.Equal(new ModelSummaryResponse(TenantScope.DefaultTenant, "ring", 2, 2, list.Items.Single().CreatedAt), list.Items.Single());
        var model = (await client.GetFromJsonAsync<ModelResponse>("/models/ring", ApiClient.Json))!;
        Assert.Equal([2, 1], model.Versions.Select(v => v.Version));

        // "ring" is the latest version; "ring:1" a fixed one; each samples its job's generator.
        var latest = await client.GenerateAsync(new { model = "ring", count = 8, seed = 3 });
        var pinned = await client.GenerateAsync(new { model = "ring:1", count = 8, seed = 3, format = "json" });
        Assert.Equal(("ring:2", second, "final"), (latest.Model, latest.JobId, latest.Checkpoint));
        Assert.Equal(Flat(await client.GenerateAsync(new { jobId = second, count = 8, seed = 3, checkpoint = "final" })), Flat(latest));
        Assert.Equal(Flat(await client.GenerateAsync(new { jobId = first, count = 8, seed = 3 })), Flat(pinned));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/models/ring/versions/2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/models/ring/versions/2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/models/ring/versions/2")).StatusCode);
        await Problem.AssertAsync(await client.PostAsJsonAsync("/generate", new { model = "ring:2" }), HttpStatusCode.NotFound);
        Assert.Equal("ring:1", (await client.GenerateAsync(new { model = "ring", count = 1 })).Model);

        // Numbers are never reused, and concurrent registrations each get their own.
        var concurrent = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(_ => RegisterAsync(client, new { name = "ring", jobId = first })));
        Assert.Equal(Enumerable.Range(3, 6), concurrent.Select(v => v.Version).Order());
    }

    [Fact]
    public async Task AVersion_KeepsTheWeightsItWasRegisteredWith_WhenTheJobsBestGeneratorChanges()
    {
        // No worker anywhere: the job stays queued and the test writes its generators, as a remote worker would.
        await using var factory = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: false);
        using var client = factory.CreateClient();
        var job = (await client.SubmitAsync(ApiClient.QuickJob(steps: 20))).Id;
        await StoredGenerators.WriteAsync(factory, job, ArtifactKinds.BestGenerator, step: 5, seed: 1);
        await RegisterAsync(client, new { name = "frozen", jobId = job });
        var before = await client.GenerateAsync(new { model = "frozen:1", count = 8, seed = 1 });

        await StoredGenerators.WriteAsync(factory, job, ArtifactKinds.BestGenerator, step: 10, seed: 2);
        var jobNow = await client.GenerateAsync(new { jobId = job, count = 8, seed = 1 });
        var modelNow = await client.GenerateAsync(new { model = "frozen:1", count = 8, seed = 1 });

        Assert.Equal((10, 5), (jobNow.GeneratorStep, modelNow.GeneratorStep));
        Assert.NotEqual(before.Samples.SelectMany(s => s), jobNow.Samples.SelectMany(s => s));
        Assert.Equal(before.Samples.SelectMany(s => s), modelNow.Samples.SelectMany(s => s));
    }

    private static async Task<ModelVersionResponse> RegisterAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/models", request, ApiClient.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var version = (await response.Content.ReadFromJsonAsync<ModelVersionResponse>(ApiClient.Json))!;
        Assert.Equal($"/models/{version.Name}/versions/{version.Version}", response.Headers.Location!.OriginalString);
        return version;
    }

    private static float[] Flat(GenerateResponse response) => [.. response.Samples.SelectMany(s => s)];
}
