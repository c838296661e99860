using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Jobs;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using JobStatus = WganService.Domain.Jobs.JobStatus;
using WganService.Domain.Training;

namespace WganService.Api.Tests.Reliability;

/// <summary>
/// Server mode: a queued job that nothing will run (its Hangfire job never created, or ended without
/// starting it) is found by <see cref="StrandedJobSweeper"/> and enqueued again, once.
/// </summary>
[Collection("postgres")]
public sealed class StrandedJobTests(PostgresServer postgres)
{
    [Fact]
    public async Task JobInsertedJustBeforeTheDatabaseWentAway_IsEnqueuedOnceItIsBack_AndTrains()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        await using var cluster = await LocalPostgresCluster.CreateAsync(ct);
        await using var factory = WganApiFactory.ServerMode(await cluster.CreateDatabaseAsync("wgan", ct), trainInApi: true);
        factory.Settings["Training:LeaseSweepInterval"] = "00:00:01";
        factory.Settings["Training:StrandedAfter"] = "00:00:01";
        // The seam: the database goes away between the job's insert and its enqueue, and the real
        // Hangfire client then fails on its own (as does the submit's attempt to take the job back).
        await using var api = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IBackgroundJobClient>(
                provider => new DatabaseLostBeforeFirstEnqueue(provider.GetRequiredService<JobStorage>(), cluster))));
        using var client = api.CreateClient();

        var lost = await client.SendAsync(Submit(), ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, lost.StatusCode);
        await cluster.StartAsync(ct);

        // The client retries with its key (as the 503's Retry-After invites) and is shown the job it
        // was refused; the sweeper has queued that job meanwhile, and it trains.
        var retried = await client.SendAsync(Submit(), ct);
        while (retried.StatusCode == HttpStatusCode.ServiceUnavailable) retried = await client.SendAsync(Submit(), ct);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var job = (await retried.Content.ReadFromJsonAsync<JobResponse>(ApiClient.Json, ct))!;
        var finished = await client.WaitUntilFinishedAsync(job.Id);
        Assert.True(finished.Status == JobStatus.Succeeded, finished.Error);
        Assert.Single((await client.GetFromJsonAsync<JobListResponse>("/jobs", ApiClient.Json, ct))!.Items);
        Assert.NotNull((await api.Services.JobAsync(job.Id)).BackgroundJobId);
    }

    private static HttpRequestMessage Submit() => new(HttpMethod.Post, "/jobs")
    {
        Content = JsonContent.Create(ApiClient.QuickJob(), options: ApiClient.Json),
        Headers = { { "Idempotency-Key", "submitted-during-an-outage" } },
    };

    [Fact]
    public async Task TwoSweepersRacingForAStrandedJob_LeaveExactlyOneLiveHangfireJob()
    {
        await using var factory = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: false);
        factory.Settings["Training:LeaseSweepInterval"] = "01:00:00"; // the hosted sweepers stay out of the way
        var racing = new SweepsAgainFirst();
        await using var api = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IBackgroundJobClient>(provider => racing.Wrap(provider.GetRequiredService<JobStorage>()))));
        using var client = api.CreateClient();
        var job = await client.SubmitAsync(ApiClient.QuickJob());
        var first = (await api.Services.JobAsync(job.Id)).BackgroundJobId!;
        // Its Hangfire job ends without starting it (as when a worker fails it during an outage).
        api.Services.GetRequiredService<IBackgroundJobClient>().Delete(first);

        var sweeperA = ActivatorUtilities.CreateInstance<StrandedJobSweeper>(api.Services);
        racing.Sweeper = ActivatorUtilities.CreateInstance<StrandedJobSweeper>(api.Services);
        racing.Armed = true;
        var requeuedByA = await sweeperA.SweepAsync(CancellationToken.None);

        // B swept inside A's enqueue: B recorded its Hangfire job, A found the row changed and deleted its own.
        Assert.Equal((0, 1), (requeuedByA, racing.RequeuedBySweeper));
        var (byB, byA) = (racing.Created[0], racing.Created[1]);
        Assert.Equal(byB, (await api.Services.JobAsync(job.Id)).BackgroundJobId);
        using var hangfire = api.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Equal(EnqueuedState.StateName, hangfire.GetJobData(byB)!.State);
        Assert.Equal(DeletedState.StateName, hangfire.GetJobData(byA)!.State);
        Assert.Equal(0, await sweeperA.SweepAsync(CancellationToken.None)); // a live Hangfire job is left alone
    }

    private sealed class DatabaseLostBeforeFirstEnqueue(JobStorage storage, LocalPostgresCluster cluster) : IBackgroundJobClient
    {
        private readonly BackgroundJobClient _real = new(storage);
        private int _armed = 1;

        public string Create(Job job, IState state)
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1) Task.Run(
                () => cluster.StopAsync(CancellationToken.None)).GetAwaiter().GetResult();
            return _real.Create(job, state);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => _real.ChangeState(jobId, state, expectedState);
    }

    /// <summary>The first enqueue once armed runs a whole sweep of another sweeper before it goes ahead.</summary>
    private sealed class SweepsAgainFirst
    {
        public StrandedJobSweeper? Sweeper { get; set; }
        public bool Armed { get; set; }
        public int RequeuedBySweeper { get; private set; }
        public List<string> Created { get; } = [];

        public IBackgroundJobClient Wrap(JobStorage storage) => new Client(this, new BackgroundJobClient(storage));

        private sealed class Client(SweepsAgainFirst race, BackgroundJobClient real) : IBackgroundJobClient
        {
            public string Create(Job job, IState state)
            {
                if (race.Armed)
                {
                    race.Armed = false;
                    race.RequeuedBySweeper = Task.Run(() => race.Sweeper!.SweepAsync(CancellationToken.None)).GetAwaiter().GetResult();
                }
                var id = real.Create(job, state);
                if (race.Sweeper is not null) race.Created.Add(id);
                return id;
            }

            public bool ChangeState(string jobId, IState state, string expectedState) => real.ChangeState(jobId, state, expectedState);
        }
    }
}
