using System.Net.Http.Json;
using System.Text.Json;
using WganService.Api.Generation;
using WganService.Api.Hosting;
using WganService.Api.Jobs;
using WganService.Domain.Jobs;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>Typed calls to the HTTP API with the service's own JSON settings.</summary>
public static class ApiClient
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiSetup.ConfigureJson(options);
        return options;
    }

    /// <summary>A short, fast job: enough steps to exercise the loop, small enough for CI.</summary>
    public static object QuickJob(int steps = 20, string dataset = "8gaussians", string variant = "wgan-gp") => new
    {
        dataset, variant,
        hyperparameters = new { generatorSteps = steps, batchSize = 32, seed = 5, metricsEvery = 5 },
    };

    public static async Task<JobResponse> SubmitAsync(this HttpClient client, object job)
    {
        var response = await client.PostAsJsonAsync("/jobs", job, Json);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JobResponse>(Json))!;
    }

    public static async Task<JobResponse> GetJobAsync(this HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JobResponse>($"/jobs/{id}", Json))!;

    /// <summary>Polls the job's own record until it reaches a finished state (the API offers no push yet).</summary>
    public static async Task<JobResponse> WaitUntilFinishedAsync(this HttpClient client, Guid id, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var job = await client.GetJobAsync(id);
            if (job.Status.IsFinished()) return job;
            await Task.Delay(100, deadline.Token);
        }
    }

    public static async Task<JobResponse> WaitUntilAsync(this HttpClient client, Guid id, Func<JobResponse, bool> condition,
        TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            var job = await client.GetJobAsync(id);
            if (condition(job)) return job;
            await Task.Delay(50, deadline.Token);
        }
    }

    public static async Task<GenerateResponse> GenerateAsync(this HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/generate", request, Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<GenerateResponse>(Json))!;
    }
}
