using System.Net;
using System.Net.Http.Json;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Jobs;

namespace WganService.Api.Tests;

/// <summary>Submit → succeeded → generate: the whole slice, run against each storage mode.</summary>
internal static class TrainAndGenerateScenario
{
    public static async Task RunAsync(HttpClient client)
    {
        var submitted = await client.SubmitAsync(ApiClient.QuickJob(steps: 20));
        Assert.Equal(JobStatus.Queued, submitted.Status);

        var finished = await client.WaitUntilFinishedAsync(submitted.Id);
        Assert.True(finished.Status == JobStatus.Succeeded, $"Job ended {finished.Status}: {finished.Error}");
        Assert.Equal(20, finished.Progress.GeneratorStep);
        Assert.Equal("cpu", finished.Device);
        Assert.Equal(20, finished.LatestMetrics!.GeneratorStep);

        var metrics = await client.GetFromJsonAsync<Jobs.MetricListResponse>($"/jobs/{submitted.Id}/metrics", ApiClient.Json);
        Assert.Equal([5, 10, 15, 20], metrics!.Items.Select(m => m.GeneratorStep));
        Assert.All(metrics.Items, m => Assert.True(m.SamplesPerSecond > 0 && double.IsFinite(m.WassersteinEstimate)));

        var first = await client.GenerateAsync(new { jobId = submitted.Id, count = 64, seed = 7 });
        var again = await client.GenerateAsync(new { jobId = submitted.Id, count = 64, seed = 7 });
        var other = await client.GenerateAsync(new { jobId = submitted.Id, count = 64, seed = 8 });
        Assert.Equal([64, 2], first.Shape);
        Assert.Equal(64, first.Samples.Length);
        Assert.All(first.Samples, s => Assert.Equal(2, s.Length));
        Assert.Equal(first.Samples.SelectMany(s => s), again.Samples.SelectMany(s => s));
        Assert.NotEqual(first.Samples.SelectMany(s => s), other.Samples.SelectMany(s => s));

        var unseeded = await client.PostAsJsonAsync("/generate", new { jobId = submitted.Id, count = 4 });
        Assert.Equal(HttpStatusCode.OK, unseeded.StatusCode);
        var echoed = (await unseeded.Content.ReadFromJsonAsync<Generation.GenerateResponse>(ApiClient.Json))!;
        var replay = await client.GenerateAsync(new { jobId = submitted.Id, count = 4, seed = echoed.Seed });
        Assert.Equal(echoed.Samples.SelectMany(s => s), replay.Samples.SelectMany(s => s));
    }
}
