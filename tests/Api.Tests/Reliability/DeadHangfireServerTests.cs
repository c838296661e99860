using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Training;

namespace WganService.Api.Tests.Reliability;

/// <summary>
/// Server mode: a worker killed after Hangfire handed it a job and before the job took a lease leaves
/// Hangfire's copy "processing" under a server that no longer beats, which Hangfire hands out again
/// only after its invisibility timeout (5 minutes). <see cref="StrandedJobSweeper"/> enqueues such a
/// job again once its server has been silent for a lease, and leaves one on a beating server alone.
/// </summary>
[Collection("postgres")]
public sealed class DeadHangfireServerTests(PostgresServer postgres)
{
    [Fact]
    public async Task JobTakenByAWorkerThatDiedBeforeItsLease_IsEnqueuedAgain_OneOnALiveWorkerIsNot()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        api.Settings["Training:LeaseSweepInterval"] = "01:00:00"; // the hosted sweepers stay out of the way
        api.Settings["Training:LeaseDuration"] = "00:00:20";
        using var client = api.CreateClient();
        var (stranded, taken) = (await client.SubmitAsync(ApiClient.QuickJob()), await client.SubmitAsync(ApiClient.QuickJob()));
        var orphaned = (await api.Services.JobAsync(stranded.Id)).BackgroundJobId!;
        var live = (await api.Services.JobAsync(taken.Id)).BackgroundJobId!;
        var storage = api.Services.GetRequiredService<JobStorage>();
        var hangfire = new BackgroundJobClient(storage);

        // Two workers' Hangfire servers each take a job from the queue and mark it processing, as
        // Hangfire's worker does before it calls the job; then one worker is killed: its server's row
        // stays, its heartbeat stops (its last one a lease and 5 s ago), its fetched job is never released.
        using var connection = storage.GetConnection();
        using var fetchedByDead = connection.FetchNextJob([HangfireStorage.TrainingQueue], CancellationToken.None);
        using var fetchedByLive = connection.FetchNextJob([HangfireStorage.TrainingQueue], CancellationToken.None);
        foreach (var (server, job) in new[] { ("killed-worker", orphaned), ("live-worker", live) })
        {
            connection.AnnounceServer(server, new ServerContext { Queues = [HangfireStorage.TrainingQueue], WorkerCount = 1 });
            Assert.True(hangfire.ChangeState(job, new TakenBy(server), EnqueuedState.StateName));
        }
        await PostgresCommands.ExecuteAsync(database,
            "UPDATE hangfire.server SET lastheartbeat = now() - interval '25 seconds' WHERE id = 'killed-worker'", default);
        connection.Heartbeat("live-worker");

        var sweeper = ActivatorUtilities.CreateInstance<StrandedJobSweeper>(api.Services);
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));

        var replacement = (await api.Services.JobAsync(stranded.Id)).BackgroundJobId!;
        Assert.NotEqual(orphaned, replacement);
        Assert.Equal(EnqueuedState.StateName, connection.GetJobData(replacement)!.State);
        Assert.Equal(live, (await api.Services.JobAsync(taken.Id)).BackgroundJobId);
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None)); // the replacement is live
    }

    /// <summary>Hangfire's processing state as its worker records it (that state's constructor is internal).</summary>
    private sealed class TakenBy(string serverId) : IState
    {
        public string Name => ProcessingState.StateName;
        public string? Reason => null;
        public bool IsFinal => false;
        public bool IgnoreJobLoadException => false;

        public Dictionary<string, string> SerializeData() => new()
        {
            ["StartedAt"] = JobHelper.SerializeDateTime(DateTime.UtcNow),
            ["ServerId"] = serverId,
            ["WorkerId"] = Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture),
        };
    }
}
