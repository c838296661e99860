using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using WganService.Api.Datasets;
using WganService.Api.Jobs;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Jobs;
using Xunit.Abstractions;

namespace WganService.Api.Tests.Hostile;

/// <summary>
/// Over a thousand generated malformed requests across every route: none may get a 5xx or hang, every
/// error is a ProblemDetails (a 400 naming the field), and the service is still healthy afterwards.
/// The seed is printed; WGAN_FUZZ_SEED replays a failing run.
/// In server mode PostgreSQL enforces column lengths and types that SQLite lets through, so it runs on both.
/// </summary>
[Collection("postgres")]
public sealed class HostileInputTests(PostgresServer postgres, ITestOutputHelper output)
{
    public const int Requests = 1200;
    private const int DefaultSeed = 20261125;

    [Theory, BothStorages]
    public async Task MalformedRequests_GetProblemDetails_NeverA5xx(Storage storage)
    {
        await using var factory = Configure(await WganApiFactory.OnAsync(storage, postgres));
        await FuzzAsync(factory);
    }

    internal static WganApiFactory Configure(WganApiFactory factory)
    {
        // Small enough that bombs and lying headers cross it within milliseconds.
        factory.Settings["Datasets:MaxUploadBytes"] = (4 << 20).ToString(CultureInfo.InvariantCulture);
        // The limiter's 429 is tested elsewhere; here every /generate request should reach the handler.
        factory.Settings["Generation:RateLimit:PermitsPerSecond"] = "0";
        return factory;
    }

    private async Task FuzzAsync(WganApiFactory factory)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("WGAN_FUZZ_SEED"), CultureInfo.InvariantCulture,
            out var s) ? s : DefaultSeed;
        output.WriteLine($"fuzz seed {seed} (set WGAN_FUZZ_SEED to replay another)");
        using var client = factory.CreateClient();
        var targets = await PrepareAsync(client);

        var run = new FuzzRun(client, new MalformedRequests(targets, new Random(seed)));
        var started = TimeProvider.System.GetTimestamp();
        await run.SendAsync(Requests);
        output.WriteLine($"{run.Histogram()}in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s");
        foreach (var v in run.Violations.Take(300)) output.WriteLine(v);

        Assert.True(run.Violations.Count == 0, $"{run.Violations.Count} of {run.Sent} responses broke the contract (seed {seed}):\n"
            + string.Join('\n', run.Violations.Take(15)));
        Assert.Equal(Requests, run.Sent);
        Assert.True(run.Statuses.Keys.Count(code => code >= 400) >= 4, "the fuzzer should provoke several kinds of refusal");
        await AssertStillHealthyAsync(client);
    }

    /// <summary>A trained job (so generate and export reach real weights), an uploaded dataset and a registered model.</summary>
    private static async Task<FuzzTargets> PrepareAsync(HttpClient client)
    {
        var job = await client.SubmitAsync(ApiClient.QuickJob(steps: 10));
        var upload = await client.PostAsync("/datasets", IdxFile.Upload(IdxFile.Squares(20), name: "fuzz"));
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        var dataset = (await upload.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!;
        var finished = await client.WaitUntilFinishedAsync(job.Id);
        Assert.True(finished.Status == JobStatus.Succeeded, finished.Error);
        var model = await client.PostAsJsonAsync("/models", new { name = "fuzz-model", jobId = job.Id });
        Assert.Equal(HttpStatusCode.Created, model.StatusCode);
        return new FuzzTargets(job.Id, Guid.Parse(dataset.Id), "fuzz-model");
    }

    private static async Task AssertStillHealthyAsync(HttpClient client)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var job = await client.SubmitAsync(ApiClient.QuickJob(steps: 1_000_000));
        Assert.Equal(JobStatus.Queued, job.Status);
        // Jobs the fuzzer got accepted (and this one) would train for hours: stop them.
        var page = (await client.GetFromJsonAsync<JobListResponse>("/jobs?limit=100", ApiClient.Json))!;
        foreach (var j in page.Items.Where(j => !j.Status.IsFinished())) await client.PostAsync($"/jobs/{j.Id}/cancel", null);
    }
}
