using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Jobs;
using WganService.Domain.Training;

namespace WganService.Api.Tests.Sweeps;

/// <summary>
/// A promoted trial goes before trials not yet started: Hangfire.PostgreSql fetches by queue name among the queues a
/// server listens to, and the promoted queue's name sorts first (HangfireStorage.PromotedQueue).
/// </summary>
[Collection("postgres")]
public sealed class PromotedQueueTests(PostgresServer postgres)
{
    [Fact]
    public async Task AJobOnThePromotedQueue_StartsBeforeOneQueuedEarlierOnTheTrainingQueue()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        var earlier = await client.SubmitAsync(ApiClient.QuickJob(steps: 15));
        var later = await client.SubmitAsync(ApiClient.QuickJob(steps: 15));
        // As a promotion does: the later job handed to Hangfire again, on the promoted queue (its first copy then finds it done).
        await using (var scope = api.Services.CreateAsyncScope())
            scope.ServiceProvider.GetRequiredService<JobEnqueuer>().Enqueue(later.Id, HangfireStorage.PromotedQueue);

        await using var worker = WorkerProcess.Start(database);
        var (a, b) = (await client.WaitUntilFinishedAsync(earlier.Id), await client.WaitUntilFinishedAsync(later.Id));

        Assert.Equal((JobStatus.Succeeded, JobStatus.Succeeded), (a.Status, b.Status));
        Assert.True(b.StartedAt < a.StartedAt, $"The promoted job started at {b.StartedAt:O}, the earlier one at {a.StartedAt:O}.");
    }
}
