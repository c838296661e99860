using System.Net.Http.Json;
using WganService.Api.Datasets;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Jobs;

namespace WganService.Api.Tests.Generation;

/// <summary>
/// One embedded Api with two finished jobs, trained once for a test class: an 8-gaussians MLP and a
/// 28×28 DCGAN on uploaded squares. Rate limiting is off here; <see cref="GenerateRateLimitTests"/> turns it on.
/// </summary>
public sealed class TrainedGenerators : IAsyncLifetime
{
    public WganApiFactory Factory { get; } = WganApiFactory.Embedded();
    public HttpClient Client { get; private set; } = null!;
    public Guid ToyJob { get; private set; }
    public Guid ImageJob { get; private set; }

    public async Task InitializeAsync()
    {
        Factory.Settings["Generation:RateLimit:PermitsPerSecond"] = "0";
        Factory.Settings["Generation:Batching:Window"] = "00:00:00.050";
        Client = Factory.CreateClient();
        ToyJob = (await Client.SubmitAsync(ApiClient.QuickJob(steps: 20))).Id;

        var upload = await Client.PostAsync("/datasets", IdxFile.Upload(IdxFile.Squares(120), name: "squares"));
        var dataset = (await upload.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!;
        ImageJob = (await Client.SubmitAsync(new
        {
            dataset = dataset.Id, variant = "wgan-gp", architecture = "dcgan",
            hyperparameters = new { generatorSteps = 2, batchSize = 16, seed = 3 },
        })).Id;

        foreach (var job in new[] { ToyJob, ImageJob })
        {
            var finished = await Client.WaitUntilFinishedAsync(job);
            Assert.True(finished.Status == JobStatus.Succeeded, $"Job ended {finished.Status}: {finished.Error}");
        }
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
