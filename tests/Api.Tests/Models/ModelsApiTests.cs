using System.Net;
using System.Net.Http.Json;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Persistence;

namespace WganService.Api.Tests.Models;

public sealed class ModelsApiTests : EmbeddedApiTest
{
    [Fact]
    public Task Registry_OnSqlite() => ModelRegistryScenario.RunAsync(Client);

    [Theory]
    [InlineData("""{"jobId":"{job}"}""", "name")]
    [InlineData("""{"name":"Big Name","jobId":"{job}"}""", "name")]
    [InlineData("""{"name":"ring:2","jobId":"{job}"}""", "name")]
    [InlineData("""{"name":"-ring","jobId":"{job}"}""", "name")]
    [InlineData("""{"name":"ring"}""", "jobId")]
    [InlineData("""{"name":"ring","jobId":"{job}","checkpoint":"latest"}""", "checkpoint")]
    public async Task InvalidRegistration_Is400_NamingTheField(string body, string field)
    {
        var json = body.Replace("{job}", Guid.NewGuid().ToString());
        var response = await Client.PostAsync("/models", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task UnknownJob_Is404_AndAJobWithoutTheGenerator_Is409_AndNothingIsRegistered()
    {
        await Problem.AssertAsync(await Client.PostAsJsonAsync("/models", new { name = "ring", jobId = Guid.NewGuid() }), HttpStatusCode.NotFound);
        var running = await Client.SubmitAsync(new { dataset = "8gaussians", variant = "wgan-gp", hyperparameters = new { generatorSteps = 1_000_000 } });

        await Problem.AssertAsync(await Client.PostAsJsonAsync("/models", new { name = "ring", jobId = running.Id, checkpoint = "final" }), HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/models/ring")).StatusCode);
        Assert.Empty((await Client.GetFromJsonAsync<WganService.Api.Models.ModelListResponse>("/models", ApiClient.Json))!.Items);
        await Problem.AssertAsync(await Client.PostAsJsonAsync("/generate", new { model = "ring" }), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await Client.PostAsJsonAsync("/generate", new { model = "ring:0" }), HttpStatusCode.BadRequest, "model");
        await Client.PostAsync($"/jobs/{running.Id}/cancel", null);
        await Client.WaitUntilFinishedAsync(running.Id);
    }
}

[Collection("postgres")]
public sealed class ModelsApiPostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task Registry_OnPostgres()
    {
        await using var factory = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: true);
        using var client = factory.CreateClient();

        await ModelRegistryScenario.RunAsync(client);
    }

    [Fact]
    public async Task AVersion_KeepsTheWeightsItWasRegisteredWith_WhenTheJobsBestGeneratorChanges()
    {
        // No worker anywhere: the job stays queued and the test writes its generators, as a remote worker would.
        await using var factory = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: false);
        using var client = factory.CreateClient();
        var job = (await client.SubmitAsync(ApiClient.QuickJob(steps: 20))).Id;
        await StoredGenerators.WriteAsync(factory, job, ArtifactKinds.BestGenerator, step: 5, seed: 1);
        await ModelRegistryScenario.RegisterAsync(client, new { name = "frozen", jobId = job });
        var before = await client.GenerateAsync(new { model = "frozen:1", count = 8, seed = 1 });

        await StoredGenerators.WriteAsync(factory, job, ArtifactKinds.BestGenerator, step: 10, seed: 2);
        var jobNow = await client.GenerateAsync(new { jobId = job, count = 8, seed = 1 });
        var modelNow = await client.GenerateAsync(new { model = "frozen:1", count = 8, seed = 1 });

        Assert.Equal((10, 5), (jobNow.GeneratorStep, modelNow.GeneratorStep));
        Assert.NotEqual(before.Samples.SelectMany(s => s), jobNow.Samples.SelectMany(s => s));
        Assert.Equal(before.Samples.SelectMany(s => s), modelNow.Samples.SelectMany(s => s));
    }
}
