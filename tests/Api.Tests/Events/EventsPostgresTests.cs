using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;

namespace WganService.Api.Tests.Events;

/// <summary>Server mode: events cross process boundaries through PostgreSQL NOTIFY, not polling.</summary>
[Collection("postgres")]
public class EventsPostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task EventsOfAJobTrainedByASeparateWorkerProcess_ReachTheApisSubscribers()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        var job = await client.SubmitAsync(new
        {
            dataset = "8gaussians", variant = "wgan-gp",
            hyperparameters = new { generatorSteps = 30, batchSize = 32, seed = 5, metricsEvery = 5, evaluateEvery = 10 },
        });
        var stream = client.ReadToEndAsync(job.Id);

        await using var worker = WorkerProcess.Start(database);
        var events = await stream;

        Assert.True(events[^1].Status == "succeeded", $"{events[^1].Data}\nWorker output:\n{worker.Output}");
        Assert.Equal("queued", events[0].Status);
        await JobEventsClient.AssertMatchesRecordedRowsAsync(client, job.Id, events);
    }

    [Fact]
    public async Task CancellingAQueuedJob_EndsItsStreamWithTheCancelledStatus()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        var job = await client.SubmitAsync(ApiClient.QuickJob());

        var events = new List<ReceivedEvent>();
        await foreach (var e in client.ReadEventsAsync(job.Id, timeout: TimeSpan.FromSeconds(60)))
        {
            events.Add(e);
            // No worker runs, so the job stays queued until the cancel, which arrives as a notification.
            if (events.Count == 1) (await client.PostAsync($"/jobs/{job.Id}/cancel", null)).EnsureSuccessStatusCode();
        }

        Assert.Equal(["queued", "cancelled"], events.Select(e => e.Status));
    }
}
