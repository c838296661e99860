using System.Net.Http.Json;
using System.Net;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Jobs;
using Xunit.Abstractions;

namespace WganService.Api.Tests.Reliability;

public sealed class DivergenceTests(ITestOutputHelper output)
{
    /// <summary>
    /// Finite float32 data so large that arithmetic on it overflows: at 3e38 already the step-0
    /// evaluation (a float32 mean over its projections overflows); at 1e32 the evaluation holds and the
    /// critic's layers overflow in the first step.
    /// </summary>
    [Theory]
    [InlineData("3e38", "The evaluation at generator step 0 gave a sliced Wasserstein distance of")]
    [InlineData("1e32", "Training diverged at generator step 1: critic loss")]
    public async Task NonFiniteValues_FailTheJobAtOnce_NamingTheStepAndValues_AndEveryRouteStillAnswers(string magnitude, string reason)
    {
        await using var api = WganApiFactory.Embedded();
        using var client = api.CreateClient();
        var rows = Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? $"{magnitude},{magnitude}" : $"-{magnitude},-{magnitude}");
        var upload = await client.PostAsync("/datasets",
            IdxFile.Upload(System.Text.Encoding.ASCII.GetBytes(string.Join('\n', rows)), "huge.csv"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var dataset = await upload.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ApiClient.Json);
        var job = await client.SubmitAsync(new
        {
            dataset = dataset.GetProperty("id").GetString(), variant = "wgan-gp",
            hyperparameters = new { generatorSteps = 1000, batchSize = 32, seed = 1 },
        });

        var failed = await client.WaitUntilFinishedAsync(job.Id, TimeSpan.FromMinutes(2));

        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.StartsWith(reason, failed.Error, StringComparison.Ordinal);
        // Nothing non-finite was stored: every route of the job still answers.
        foreach (var route in new[] { $"/jobs/{job.Id}", $"/jobs/{job.Id}/metrics", $"/jobs/{job.Id}/evaluations", "/jobs" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(route)).StatusCode);
        output.WriteLine(failed.Error);
    }
}

public sealed class DivergenceAfterProgressTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DivergenceMidRun_KeepsTheBestGeneratorSoFar_AndItStillServes()
    {
        await using var api = WganApiFactory.Embedded();
        using var client = api.CreateClient();
        // Ordinary points, and two rows of 1e32 that blow the critic up whenever a batch draws one.
        var random = new Random(3);
        var rows = Enumerable.Range(0, 10_000).Select(i => i is 1234 or 7777 ? "1e32,1e32"
            : FormattableString.Invariant($"{random.NextDouble() * 2 - 1:F4},{random.NextDouble() * 2 - 1:F4}"));
        var upload = await client.PostAsync("/datasets",
            IdxFile.Upload(System.Text.Encoding.ASCII.GetBytes(string.Join('\n', rows)), "mostly-fine.csv"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var dataset = (await upload.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ApiClient.Json)).GetProperty("id").GetString();
        var job = await client.SubmitAsync(new
        {
            dataset, variant = "wgan-gp",
            hyperparameters = new { generatorSteps = 5000, batchSize = 32, seed = 1, evaluateEvery = 2, metricsEvery = 1 },
        });

        var failed = await client.WaitUntilFinishedAsync(job.Id, TimeSpan.FromMinutes(3));

        output.WriteLine(failed.Error);
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Matches("^Training diverged at generator step [0-9]+: .* The best generator so far \\(step [0-9]+\\) is kept\\.",
            failed.Error);
        var best = await client.GenerateAsync(new { jobId = job.Id, count = 8, seed = 1, checkpoint = "best" });
        Assert.All(best.Samples.SelectMany(s => s), v => Assert.True(double.IsFinite(v)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/jobs/{job.Id}/metrics")).StatusCode);
    }
}
