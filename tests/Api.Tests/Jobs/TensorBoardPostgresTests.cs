using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;

namespace WganService.Api.Tests.Jobs;

/// <summary>Server mode: a job trained by a separate worker process, its run built by the Api from PostgreSQL alone.</summary>
[Collection("postgres")]
public class TensorBoardPostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task JobTrainedByAWorkerProcess_DownloadsFromTheApi_AsTheRecordedRows()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        var job = await client.SubmitAsync(ApiClient.QuickJob(steps: 10, variant: "wgan"));

        await using (var worker = WorkerProcess.Start(database))
        {
            var finished = await client.WaitUntilFinishedAsync(job.Id);
            Assert.True(finished.Status == Domain.Jobs.JobStatus.Succeeded, $"{finished.Error}\nWorker output:\n{worker.Output}");
        }
        var run = await client.DownloadTensorBoardAsync(job.Id);

        await TensorBoardDownload.AssertMatchesRecordedRowsAsync(client, job.Id, run);
        var tags = run.Events.SelectMany(e => e.Summary?.Value ?? []).Select(v => v.Tag).ToHashSet();
        Assert.Contains("Loss/critic", tags);
        Assert.Contains("Samples", tags);
        Assert.DoesNotContain("Loss/gradient_penalty", tags); // Weight clipping has no penalty.
    }
}
