using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Jobs;

namespace WganService.Api.Tests.Monitoring;

[Collection("postgres")]
public class MetricsPostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task QueuedJobs_WaitInTheQueue_UntilAWorkerTrainsThem()
    {
        var database = await postgres.CreateDatabaseAsync();
        Guid[] ids;
        PrometheusScrape queued;
        // An Api that does not train, and no worker: submitted jobs stay queued.
        await using (var api = WganApiFactory.ServerMode(database, trainInApi: false))
        {
            using var client = api.CreateClient();
            ids = [(await client.SubmitAsync(ApiClient.QuickJob(steps: 10))).Id,
                (await client.SubmitAsync(ApiClient.QuickJob(steps: 10))).Id];
            queued = await client.ScrapeAsync();
        }
        await using var trainingApi = WganApiFactory.ServerMode(database, trainInApi: true);
        using var trainingClient = trainingApi.CreateClient();
        foreach (var id in ids) Assert.Equal(JobStatus.Succeeded, (await trainingClient.WaitUntilFinishedAsync(id)).Status);
        var trained = await trainingClient.ScrapeAsync();

        // Npgsql's meter (process-wide, exported by every host) in server mode.
        Assert.Contains(queued.Samples, s => s.Name.StartsWith("npgsql_db_client_", StringComparison.Ordinal));
        Assert.Equal(2, queued.Value("wgan_training_queue_length"));
        Assert.Equal(2, queued.Value("wgan_jobs", ("status", "queued")));
        Assert.All(MetricsApiTests.Statuses.Except(["queued"]), s => Assert.Equal(0, queued.Value("wgan_jobs", ("status", s))));
        Assert.Equal(0, trained.Value("wgan_training_queue_length"));
        Assert.Equal(2, trained.Value("wgan_jobs", ("status", "succeeded")));
        Assert.All(MetricsApiTests.Statuses.Except(["succeeded"]), s => Assert.Equal(0, trained.Value("wgan_jobs", ("status", s))));
    }

    [Fact]
    public async Task AnUnreadableTable_LeavesItsSeriesOut_AndTheRestIsStillServed()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        await client.SubmitAsync(ApiClient.QuickJob(steps: 10));
        var before = await client.ScrapeAsync();

        await PostgresCommands.ExecuteAsync(database, "ALTER TABLE \"Jobs\" RENAME TO \"JobsElsewhere\"", default);
        (string, string)[] submitted = [("http_request_method", "POST"), ("http_response_status_code", "202"), ("http_route", "/jobs/")];
        // ASP.NET Core records a request once its response is complete, which the client may see first.
        var after = await client.ScrapeUntilAsync(s => s.ValueOrNull($"{MetricsApiTests.RequestDuration}_count", submitted) is not null);

        Assert.Equal(1, before.Value("wgan_jobs", ("status", "queued")));
        // Absent rather than the last values read: a stale count would look current.
        Assert.Empty(after.Find("wgan_jobs"));
        Assert.Empty(after.Find("wgan_training_generator_steps_per_second"));
        Assert.Equal(1, after.Value("wgan_training_queue_length")); // Hangfire's own tables still answer
        Assert.Equal(1, after.Value($"{MetricsApiTests.RequestDuration}_count", submitted));
    }
}
