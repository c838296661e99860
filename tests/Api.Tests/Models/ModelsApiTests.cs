using System.Net;
using System.Net.Http.Json;
using WganService.Api.Tests.Infrastructure;

namespace WganService.Api.Tests.Models;

public sealed class ModelsApiTests : EmbeddedApiTest
{
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
        await Problem.AssertAsync(await Client.PostAsJsonAsync("/models", new { name = "ring", jobId = Guid.NewGuid() }),
            HttpStatusCode.NotFound);
        var running = await Client.SubmitAsync(
            new { dataset = "8gaussians", variant = "wgan-gp", hyperparameters = new { generatorSteps = 1_000_000 } });

        await Problem.AssertAsync(await Client.PostAsJsonAsync("/models", new { name = "ring", jobId = running.Id, checkpoint = "final" }),
            HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/models/ring")).StatusCode);
        Assert.Empty((await Client.GetFromJsonAsync<WganService.Api.Models.ModelListResponse>("/models", ApiClient.Json))!.Items);
        await Problem.AssertAsync(await Client.PostAsJsonAsync("/generate", new { model = "ring" }), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await Client.PostAsJsonAsync("/generate", new { model = "ring:0" }), HttpStatusCode.BadRequest, "model");
        await Client.PostAsync($"/jobs/{running.Id}/cancel", null);
        await Client.WaitUntilFinishedAsync(running.Id);
    }
}
