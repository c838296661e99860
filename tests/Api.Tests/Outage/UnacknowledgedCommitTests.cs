using System.Net.Http.Json;
using Npgsql;
using WganService.Api.Jobs;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Jobs;

namespace WganService.Api.Tests.Outage;

/// <summary>
/// A training flush whose COMMIT is stored by PostgreSQL but whose answer never reaches the trainer:
/// the trainer takes it for failed and saves the same rows again with its next flush.
/// </summary>
public sealed class UnacknowledgedCommitTests
{
    [Fact]
    public async Task MetricRowsCommittedButNotAcknowledged_AreStoredOnce_AndTheJobSucceeds()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        await using var cluster = await LocalPostgresCluster.CreateAsync(ct);
        var database = await cluster.CreateDatabaseAsync("wgan", ct);
        await using var proxy = new CommitAnswerDroppingProxy(cluster.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(database) { Port = proxy.Port }.ConnectionString;
        await using var api = WganApiFactory.ServerMode(throughProxy, trainInApi: true);
        using var client = api.CreateClient();

        // Only a training flush inserts metric rows: its first commit after this loses its answer.
        proxy.Arm("INSERT INTO \"Metrics\"");
        var job = await client.SubmitAsync(ApiClient.QuickJob(steps: 30));
        await proxy.Dropped.WaitAsync(TimeSpan.FromMinutes(3), ct);
        var finished = await client.WaitUntilFinishedAsync(job.Id);

        Assert.True(finished.Status == JobStatus.Succeeded, finished.Error);
        var metrics = await client.GetFromJsonAsync<MetricListResponse>($"/jobs/{job.Id}/metrics", ApiClient.Json, ct);
        Assert.Equal([5, 10, 15, 20, 25, 30], metrics!.Items.Select(m => m.GeneratorStep));
        Assert.Equal(0, finished.AbandonedAttempts);
    }

    [Fact]
    public async Task FinalCommitStoredButNotAcknowledged_EndsTheRunAsSucceeded_NotAsALostLease()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        await using var cluster = await LocalPostgresCluster.CreateAsync(ct);
        var database = await cluster.CreateDatabaseAsync("wgan", ct);
        await using var proxy = new CommitAnswerDroppingProxy(cluster.Port);
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        var job = await client.SubmitAsync(ApiClient.QuickJob(steps: 30));

        // Only the final flush updates the job row's finishing time: its commit loses its answer.
        proxy.Arm("\"FinishedAt\" = ");
        await using var worker = WorkerProcess.Start(new NpgsqlConnectionStringBuilder(database) { Port = proxy.Port }.ConnectionString);
        await worker.WaitForOutputAsync($"Job {job.Id} succeeded after 30 generator steps", TimeSpan.FromMinutes(3));

        Assert.True(proxy.Dropped.IsCompleted, "no commit lost its answer");
        Assert.DoesNotContain("lost its lease", worker.Output, StringComparison.Ordinal);
        var finished = await client.GetJobAsync(job.Id);
        Assert.Equal((JobStatus.Succeeded, 30), (finished.Status, finished.Progress.GeneratorStep));
        var metrics = await client.GetFromJsonAsync<MetricListResponse>($"/jobs/{job.Id}/metrics", ApiClient.Json, ct);
        Assert.Equal([5, 10, 15, 20, 25, 30], metrics!.Items.Select(m => m.GeneratorStep));
    }
}
