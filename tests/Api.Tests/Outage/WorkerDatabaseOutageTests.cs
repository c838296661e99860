using System.Net.Http.Json;
using WganService.Api.Jobs;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Api.Tests.Reliability;
using WganService.Domain.Jobs;
using Xunit.Abstractions;

namespace WganService.Api.Tests.Outage;

/// <summary>A real Worker process training while its PostgreSQL cluster is stopped and started again.</summary>
public sealed class WorkerDatabaseOutageTests(ITestOutputHelper output)
{
    /// <summary>The fault itself: shorter than the 20 s lease, so the worker keeps the job throughout.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task WhilePostgresIsDown_TheWorkerKeepsTraining_AndWritesEveryRowOnceItIsBack()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var ct = timeout.Token;
        await using var cluster = await LocalPostgresCluster.CreateAsync(ct);
        var database = await cluster.CreateDatabaseAsync("wgan", ct);
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        var job = await client.SubmitAsync(new
        {
            dataset = "8gaussians", variant = "wgan-gp",
            hyperparameters = new { generatorSteps = 300, batchSize = 32, seed = 6, metricsEvery = 10, evaluateEvery = 50 },
        });
        await using var worker = WorkerProcess.Start(database);
        var before = await api.Services.WaitForJobAsync(job.Id, j => j.GeneratorStep >= 60, TimeSpan.FromMinutes(3));

        await cluster.StopAsync(ct);
        await worker.WaitForOutputAsync($"Job {job.Id}: the database is unreachable", TimeSpan.FromSeconds(30));
        await Task.Delay(Outage, ct);
        await cluster.StartAsync(ct);

        var finished = await worker.ExplainAsync(client.WaitUntilFinishedAsync(job.Id, TimeSpan.FromMinutes(4)));
        Assert.True(finished.Status == JobStatus.Succeeded, $"{finished.Status} {finished.Error}\n{worker.Output}");
        // Nothing lost, nothing twice: one metric row per 10 steps, and every evaluation.
        var metrics = await client.GetFromJsonAsync<MetricListResponse>($"/jobs/{job.Id}/metrics?limit=1000", ApiClient.Json, ct);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => i * 10), metrics!.Items.Select(m => m.GeneratorStep));
        var evaluations = await client.GetFromJsonAsync<EvaluationListResponse>($"/jobs/{job.Id}/evaluations", ApiClient.Json, ct);
        Assert.Equal([0, 50, 100, 150, 200, 250, 300], evaluations!.Items.Select(e => e.GeneratorStep));
        // The worker kept its place: same lease throughout, never abandoned or resumed.
        var row = await api.Services.JobAsync(job.Id);
        Assert.Equal(0, row.AbandonedAttempts);
        Assert.DoesNotContain("resumes from its checkpoint", worker.Output, StringComparison.Ordinal);
        Assert.Contains($"Job {job.Id}: the database is back after", worker.Output, StringComparison.Ordinal);
        var back = worker.Output.Split('\n').First(l => l.Contains("the database is back after", StringComparison.Ordinal));
        output.WriteLine($"outage from step {before.GeneratorStep}; {back.Trim()}");
    }
}
