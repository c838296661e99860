using System.Net;
using System.Net.Http.Json;
using System.Text;
using WganService.Api.Jobs;
using WganService.Api.Tests.Infrastructure;

namespace WganService.Api.Tests.Errors;

/// <summary>Bad input gets a 400 ProblemDetails that names the field; unknown ids a 404.</summary>
public sealed class ValidationTests : EmbeddedApiTest
{
    [Theory]
    [InlineData("""{"variant":"wgan-gp"}""", "dataset")]
    [InlineData("""{"dataset":"no-such-set","variant":"wgan-gp"}""", "dataset")]
    [InlineData("""{"dataset":"8gaussians"}""", "variant")]
    [InlineData("""{"dataset":"8gaussians","variant":"dcgan-gp"}""", "variant")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"generatorSteps":-5}}""",
        "hyperparameters.generatorSteps")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"clipValue":0.01}}""", "hyperparameters.clipValue")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan","hyperparameters":{"gradientPenaltyWeight":10}}""",
        "hyperparameters.gradientPenaltyWeight")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan","hyperparameters":{"beta1":0.5}}""", "hyperparameters.beta1")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"batchSize":100000}}""", "hyperparameters.batchSize")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"learningRate":0}}""", "hyperparameters.learningRate")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"batchSize":"large"}}""", "hyperparameters.batchSize")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"optimizer":"sgd"}}""", "hyperparameters.optimizer")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"generatorEma":1}}""", "hyperparameters.generatorEma")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"generatorEma":-0.5}}""", "hyperparameters.generatorEma")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"maxTrainingMinutes":0}}""",
        "hyperparameters.maxTrainingMinutes")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"maxTrainingMinutes":20000}}""",
        "hyperparameters.maxTrainingMinutes")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan","hyperparameters":{"criticSchedule":"often"}}""",
        "hyperparameters.criticSchedule")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","architecture":"dcgan"}""", "architecture")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","device":"tpu"}""", "device")]
    [InlineData("""{"dataset":"8gaussians","variant":"wgan-gp","epochs":3}""", "epochs")]
    public async Task InvalidJob_Is400_NamingTheField(string body, string field)
    {
        var response = await Client.PostAsync("/jobs", new StringContent(body, Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task InvalidJob_IsNotStored()
    {
        await Client.PostAsync("/jobs", new StringContent("""{"dataset":"8gaussians"}""", Encoding.UTF8, "application/json"));

        var list = await Client.GetFromJsonAsync<JobListResponse>("/jobs", ApiClient.Json);
        Assert.Empty(list!.Items);
    }

    [Fact]
    public async Task TruncatedJson_Is400()
    {
        var response = await Client.PostAsync("/jobs", new StringContent("""{"dataset":"8gau""", Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/jobs/8a6f1f0e-56d4-4c5b-9d7b-0b8c9a3a1f00")]
    [InlineData("/jobs/8a6f1f0e-56d4-4c5b-9d7b-0b8c9a3a1f00/metrics")]
    [InlineData("/jobs/8a6f1f0e-56d4-4c5b-9d7b-0b8c9a3a1f00/evaluations")]
    [InlineData("/jobs/8a6f1f0e-56d4-4c5b-9d7b-0b8c9a3a1f00/samples.png")]
    public async Task UnknownJob_Is404(string path)
    {
        await Problem.AssertAsync(await Client.GetAsync(path), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CancelUnknownJob_Is404()
    {
        await Problem.AssertAsync(await Client.PostAsync("/jobs/8a6f1f0e-56d4-4c5b-9d7b-0b8c9a3a1f00/cancel", null),
            HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"count":3}""", "jobId")]
    [InlineData("""{"jobId":"8a6f1f0e-56d4-4c5b-9d7b-0b8c9a3a1f00","count":0}""", "count")]
    [InlineData("""{"jobId":"8a6f1f0e-56d4-4c5b-9d7b-0b8c9a3a1f00","count":5001}""", "count")]
    [InlineData("""{"jobId":"8a6f1f0e-56d4-4c5b-9d7b-0b8c9a3a1f00","format":"gif"}""", "format")]
    [InlineData("""{"jobId":"not-a-guid"}""", "jobId")]
    [InlineData("""{"jobId":"8a6f1f0e-56d4-4c5b-9d7b-0b8c9a3a1f00","checkpoint":"latest"}""", "checkpoint")]
    public async Task InvalidGenerateRequest_Is400_NamingTheField(string body, string field)
    {
        var response = await Client.PostAsync("/generate", new StringContent(body, Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task GenerateFromUnknownJob_Is404()
    {
        var response = await Client.PostAsJsonAsync("/generate", new { jobId = Guid.NewGuid(), count = 1 });

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/jobs?status=paused", "status")]
    [InlineData("/jobs?limit=0", "limit")]
    [InlineData("/jobs?cursor=garbage", "cursor")]
    public async Task InvalidListQuery_Is400(string path, string field)
    {
        await Problem.AssertAsync(await Client.GetAsync(path), HttpStatusCode.BadRequest, field);
    }
}
