using System.Net;
using System.Net.Http.Json;
using WganService.Api.Jobs;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Jobs;
using WganService.Gan;

namespace WganService.Api.Tests.Jobs;

public sealed class JobsApiTests : EmbeddedApiTest
{
    private static object LongJob
        => new { dataset = "8gaussians", variant = "wgan-gp", hyperparameters = new { generatorSteps = 1_000_000, batchSize = 32 } };

    [Fact]
    public async Task Submit_Returns202_WithLocation_AndResolvedHyperparameters()
    {
        var response = await Client.PostAsJsonAsync("/jobs",
            new { dataset = "8gaussians", variant = "wgan", hyperparameters = new { generatorSteps = 1 } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = (await response.Content.ReadFromJsonAsync<JobResponse>(ApiClient.Json))!;
        Assert.Equal($"/jobs/{job.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal((OptimizerKind.RmsProp, 1e-4, 0.01),
            (job.Hyperparameters.Optimizer, job.Hyperparameters.LearningRate, job.Hyperparameters.ClipValue!.Value));
        Assert.Equal("8gaussians-wgan", job.Name);
        Assert.Equal(job.CreatedAt, (await Client.GetJobAsync(job.Id)).CreatedAt); // The echo is what was stored.
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"variant\":\"wgan\"", json, StringComparison.Ordinal);
        Assert.Contains("\"optimizer\":\"rmsprop\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunningJob_StopsWhenCancelled_AndSecondCancelIs409()
    {
        var job = await Client.SubmitAsync(LongJob);
        await Client.WaitUntilAsync(job.Id, j => j.Status == JobStatus.Running && j.Progress.GeneratorStep > 0);
        var generateMeanwhile = await Client.PostAsJsonAsync("/generate", new { jobId = job.Id, count = 1 });
        await Problem.AssertAsync(generateMeanwhile, HttpStatusCode.Conflict);

        var cancel = await Client.PostAsync($"/jobs/{job.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var stopped = await Client.WaitUntilFinishedAsync(job.Id, TimeSpan.FromSeconds(30));

        Assert.Equal(JobStatus.Cancelled, stopped.Status);
        Assert.InRange(stopped.Progress.GeneratorStep, 1, 999_999);
        await Problem.AssertAsync(await Client.PostAsync($"/jobs/{job.Id}/cancel", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task QueuedJob_CancelledBeforeStarting_NeverRuns()
    {
        var blocker = await Client.SubmitAsync(LongJob); // The single training slot is taken.
        var queued = await Client.SubmitAsync(LongJob);

        var cancelled = await Client.PostAsync($"/jobs/{queued.Id}/cancel", null);
        await Client.PostAsync($"/jobs/{blocker.Id}/cancel", null);
        await Client.WaitUntilFinishedAsync(blocker.Id);

        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        var after = await Client.GetJobAsync(queued.Id);
        Assert.Equal((JobStatus.Cancelled, 0, (DateTimeOffset?)null), (after.Status, after.Progress.GeneratorStep, after.StartedAt));
    }

    [Fact]
    public async Task List_PagesNewestFirst_AndFiltersByStatus()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var job = await Client.SubmitAsync(LongJob);
            ids.Add(job.Id);
            await Client.PostAsync($"/jobs/{job.Id}/cancel", null);
        }
        await Task.WhenAll(ids.Select(id => Client.WaitUntilFinishedAsync(id)));

        var first = (await Client.GetFromJsonAsync<JobListResponse>("/jobs?limit=2", ApiClient.Json))!;
        var second = (await Client.GetFromJsonAsync<JobListResponse>($"/jobs?limit=2&cursor={first.NextCursor}", ApiClient.Json))!;
        var third = (await Client.GetFromJsonAsync<JobListResponse>($"/jobs?limit=2&cursor={second.NextCursor}", ApiClient.Json))!;

        ids.Reverse();
        Assert.Equal(ids, first.Items.Concat(second.Items).Concat(third.Items).Select(j => j.Id));
        Assert.Null(third.NextCursor);
        var cancelled = (await Client.GetFromJsonAsync<JobListResponse>("/jobs?status=cancelled&limit=100", ApiClient.Json))!;
        Assert.Equal(5, cancelled.Items.Count);
        Assert.Empty((await Client.GetFromJsonAsync<JobListResponse>("/jobs?status=succeeded", ApiClient.Json))!.Items);
    }

    [Fact]
    public async Task IdempotencyKey_ReturnsFirstJob_AndRejectsADifferentBody()
    {
        async Task<HttpResponseMessage> Post(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/jobs") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "retry-me");
            return await Client.SendAsync(request);
        }
        var body = new { dataset = "8gaussians", variant = "wgan-gp", hyperparameters = new { generatorSteps = 1, seed = 3 } };

        var first = await (await Post(body)).Content.ReadFromJsonAsync<JobResponse>(ApiClient.Json);
        var retry = await Post(body);
        var different = await Post(new { dataset = "25gaussians", variant = "wgan-gp" });

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(first!.Id, (await retry.Content.ReadFromJsonAsync<JobResponse>(ApiClient.Json))!.Id);
        await Problem.AssertAsync(different, HttpStatusCode.UnprocessableEntity);
        Assert.Single((await Client.GetFromJsonAsync<JobListResponse>("/jobs", ApiClient.Json))!.Items);
    }

    [Fact]
    public async Task Swagger_DocumentsEveryRoute()
    {
        var document = await Client.GetStringAsync("/swagger/v1/swagger.json");

        foreach (var route in new[] { "/jobs", "/jobs/{id}", "/jobs/{id}/cancel", "/jobs/{id}/metrics", "/jobs/{id}/generator",
            "/jobs/{id}/tensorboard", "/generate", "/models", "/models/{name}", "/models/{name}/versions/{version}" })
            Assert.Contains($"\"{route}\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_IsLiveAndReady()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal("Healthy", await Client.GetStringAsync("/health/ready"));
    }
}
