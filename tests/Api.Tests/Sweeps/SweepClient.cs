using System.Net;
using System.Net.Http.Json;
using WganService.Api.Sweeps;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Sweeps;

namespace WganService.Api.Tests.Sweeps;

/// <summary>Typed calls to /sweeps with the service's own JSON settings.</summary>
internal static class SweepClient
{
    /// <summary>A halving sweep on 8 Gaussians over the learning rate and n_critic, with a budget small enough for CI.</summary>
    public static object ToySweep(int trials = 9, int steps = 120, int seed = 3, object? earlyStopping = null) => new
    {
        name = "toy sweep", dataset = "8gaussians", variant = "wgan-gp",
        hyperparameters = new { batchSize = 32, metricsEvery = 10, evaluateEvery = 10 },
        space = new
        {
            learningRate = new { min = 1e-5, max = 3e-3, scale = "log" },
            criticSteps = new { values = new[] { 1, 2, 5 } },
        },
        trials, budget = new { generatorSteps = steps }, seed,
        earlyStopping = earlyStopping ?? new { kind = "halving", eta = 3 },
    };

    public static async Task<SweepResponse> SubmitSweepAsync(this HttpClient client, object sweep)
    {
        var response = await client.PostAsJsonAsync("/sweeps", sweep, ApiClient.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<SweepResponse>(ApiClient.Json))!;
        Assert.Equal($"/sweeps/{created.Id}", response.Headers.Location?.OriginalString);
        return created;
    }

    public static async Task<SweepResponse> GetSweepAsync(this HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<SweepResponse>($"/sweeps/{id}", ApiClient.Json))!;

    /// <summary>Polls the sweep until it satisfies the condition (by default: finished).</summary>
    public static async Task<SweepResponse> WaitForSweepAsync(this HttpClient client, Guid id, Func<SweepResponse, bool>? condition = null,
        TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        while (true)
        {
            var sweep = await client.GetSweepAsync(id);
            if ((condition ?? (s => s.Status.IsFinished()))(sweep)) return sweep;
            await Task.Delay(100, deadline.Token);
        }
    }
}
