using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Jobs;

namespace WganService.Api.Tests.Hosting;

[Collection("postgres")]
public class WorkerProcessTests(PostgresServer postgres)
{
    [Fact]
    public async Task SeparateWorkerProcess_TrainsJobQueuedByApi()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        var job = await client.SubmitAsync(ApiClient.QuickJob(steps: 15));

        await using var worker = WorkerProcess.Start(database);
        var finished = await client.WaitUntilFinishedAsync(job.Id);

        Assert.True(finished.Status == JobStatus.Succeeded, $"{finished.Status} {finished.Error}\nWorker output:\n{worker.Output}");
        var samples = await client.GenerateAsync(new { jobId = job.Id, count = 10, seed = 1 });
        Assert.Equal(10, samples.Samples.Length);
    }

    /// <summary>
    /// The console sink and its template are configuration (src/serilog.json, shared with the Api), not code:
    /// a setting changes what a worker writes.
    /// </summary>
    [Fact]
    public async Task WorkerLogs_WithTheConsoleTemplateFromConfiguration()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        _ = api.Services; // Starts the host, which migrates the database (workers never do).

        await using var worker = WorkerProcess.Start(database, new Dictionary<string, string>
        {
            ["Serilog__WriteTo__0__Args__outputTemplate"] = "from-settings {Level:u3} {SourceContext} | {Message:lj}{NewLine}",
            ["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Information",
        });

        await worker.WaitForOutputAsync("from-settings INF Microsoft.Hosting.Lifetime | Application started.", TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task TwoWorkers_TrainEachJobExactlyOnce()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        var jobs = new List<Guid>();
        for (var i = 0; i < 3; i++) jobs.Add((await client.SubmitAsync(ApiClient.QuickJob(steps: 10))).Id);

        await using var first = WorkerProcess.Start(database);
        await using var second = WorkerProcess.Start(database);
        var finished = await Task.WhenAll(jobs.Select(id => client.WaitUntilFinishedAsync(id)));

        var logs = first.Output + second.Output;
        Assert.All(finished, j => Assert.True(j.Status == JobStatus.Succeeded, $"{j.Id}: {j.Status} {j.Error}\n{logs}"));
        foreach (var id in jobs)
            Assert.Equal(1, logs.Split('\n').Count(line => line.Contains($"Training job {id}", StringComparison.Ordinal)));
    }
}
