using System.Net;
using System.Net.Http.Json;
using WganService.Api.Jobs;
using WganService.Api.Monitoring;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Jobs;
using WganService.Gan;

namespace WganService.Api.Tests.Monitoring;

public class MetricsApiTests : EmbeddedApiTest
{
    public static readonly string[] Statuses = ["queued", "running", "succeeded", "failed", "cancelled", "stopped"];

    /// <summary>ASP.NET Core's http.server.request.duration (seconds) as MeterAdapter names it; its _count counts requests.</summary>
    public const string RequestDuration = "microsoft_aspnetcore_hosting_http_server_request_duration";

    [Fact]
    public async Task FinishedJobs_AreCountedByStatus_WithEveryStatusPresent()
    {
        var empty = await Client.ScrapeAsync();
        Assert.Equal("gauge", empty.Types["wgan_jobs"]);
        Assert.All(Statuses, s => Assert.Equal(0, empty.Value("wgan_jobs", ("status", s))));

        var jobs = new[] { await Client.SubmitAsync(ApiClient.QuickJob(steps: 10)),
            await Client.SubmitAsync(ApiClient.QuickJob(steps: 10)) };
        foreach (var job in jobs) Assert.Equal(JobStatus.Succeeded, (await Client.WaitUntilFinishedAsync(job.Id)).Status);
        (string, string)[] submitted = [("http_request_method", "POST"), ("http_response_status_code", "202"), ("http_route", "/jobs/")];
        // ASP.NET Core records a request once its response is complete, which the client may see first.
        var scrape = await Client.ScrapeUntilAsync(s => s.ValueOrNull($"{RequestDuration}_count", submitted) == 2);

        Assert.Equal(2, scrape.Value("wgan_jobs", ("status", "succeeded")));
        Assert.All(Statuses.Except(["succeeded"]), s => Assert.Equal(0, scrape.Value("wgan_jobs", ("status", s))));
        Assert.Equal(0, scrape.Value("wgan_training_queue_length"));
        Assert.Empty(scrape.Find("wgan_training_generator_steps_per_second"));
        // HTTP metrics carry the route pattern; scrapes of /metrics are not counted as traffic.
        Assert.Equal(2, scrape.Value($"{RequestDuration}_count", submitted));
        Assert.Empty(scrape.Find($"{RequestDuration}_count", ("http_route", "/metrics")));
    }

    [Fact]
    public async Task Generate_IsTimed_ByFormatAndStatus()
    {
        var job = await Client.SubmitAsync(ApiClient.QuickJob(steps: 10));
        await Client.WaitUntilFinishedAsync(job.Id);

        await Client.GenerateAsync(new { jobId = job.Id, count = 4, seed = 1 });
        await Client.GenerateAsync(new { jobId = job.Id, count = 4, seed = 2, format = "json" });
        (await Client.PostAsJsonAsync("/generate", new { jobId = job.Id, count = 4, seed = 1, format = "png" }, ApiClient.Json))
            .EnsureSuccessStatusCode();
        await Problem.AssertAsync(await Client.PostAsJsonAsync("/generate", new { jobId = job.Id, format = "bmp" }, ApiClient.Json),
            HttpStatusCode.BadRequest, "format");
        (string, string)[] rejected = [("http_request_method", "POST"), ("http_response_status_code", "400"), ("http_route", "/generate/")];
        var scrape = await Client.ScrapeUntilAsync(s => s.ValueOrNull($"{RequestDuration}_count", rejected) == 1);

        const string name = "wgan_generate_duration";
        Assert.Equal("histogram", scrape.Types[name]);
        (string, string)[] json = [("format", "json"), ("status", "200")];
        Assert.Equal(2, scrape.Value($"{name}_count", json));
        Assert.Equal(1, scrape.Value($"{name}_count", ("format", "png"), ("status", "200")));
        // The client's own spelling never becomes a label value.
        Assert.Equal(1, scrape.Value($"{name}_count", ("format", "invalid"), ("status", "400")));
        Assert.Empty(scrape.Find($"{name}_count", ("format", "bmp")));
        Assert.InRange(scrape.Value($"{name}_sum", json), double.Epsilon, 60);

        var buckets = scrape.Find($"{name}_bucket", json).Select(b => (Le: PrometheusScrape.ParseNumber(b.Labels["le"]), b.Value))
            .OrderBy(b => b.Le).ToList();
        Assert.Equal([.. WganMeter.GenerateBuckets, double.PositiveInfinity], buckets.Select(b => b.Le));
        Assert.Equal(buckets.Select(b => b.Value).Order(), buckets.Select(b => b.Value)); // cumulative
        Assert.Equal(2, buckets[^1].Value);

        Assert.Equal(3, scrape.Value($"{RequestDuration}_count", ("http_request_method", "POST"), ("http_response_status_code", "200"),
            ("http_route", "/generate/")));
    }

    [Fact]
    public async Task RunningJob_ReportsGeneratorStepsPerSecond_UntilItStops()
    {
        var job = await Client.SubmitAsync(new
        {
            dataset = "8gaussians", variant = "wgan-gp",
            hyperparameters = new { generatorSteps = 100_000, batchSize = 32, seed = 5, metricsEvery = 5 },
        });
        (string, string) series = ("job_id", job.Id.ToString());
        const string name = "wgan_training_generator_steps_per_second";

        var running = await Client.ScrapeUntilAsync(s => s.ValueOrNull(name, series) is not null);
        var stepsPerSecond = running.Value(name, series);
        // Rows are only ever added, so the row the scrape read is among those recorded by now.
        var rows = (await Client.GetFromJsonAsync<MetricListResponse>($"/jobs/{job.Id}/metrics", ApiClient.Json))!.Items;
        (await Client.PostAsync($"/jobs/{job.Id}/cancel", null)).EnsureSuccessStatusCode();
        await Client.WaitUntilFinishedAsync(job.Id);
        var stopped = await Client.ScrapeAsync();

        Assert.Equal(1, running.Value("wgan_jobs", ("status", "running")));
        Assert.True(stepsPerSecond > 0, $"{stepsPerSecond}");
        // Samples per second count batch × n_critic real samples per generator iteration.
        var samplesPerIteration = (double)job.Hyperparameters.BatchSize * job.Hyperparameters.CriticSteps;
        Assert.True(samplesPerIteration > job.Hyperparameters.BatchSize);
        Assert.Contains(rows, r => Math.Abs(r.SamplesPerSecond / samplesPerIteration - stepsPerSecond) <= 1e-9 * stepsPerSecond);
        Assert.Null(stopped.ValueOrNull(name, series));
        Assert.Equal(0, stopped.Value("wgan_jobs", ("status", "running")));
        Assert.Equal(1, stopped.Value("wgan_jobs", ("status", "cancelled")));
    }
}
