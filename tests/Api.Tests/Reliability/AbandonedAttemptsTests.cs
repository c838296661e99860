using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Training;

namespace WganService.Api.Tests.Reliability;

/// <summary>The job response says how often a worker was lost under the job, and the OpenAPI document says what that means.</summary>
[Collection("postgres")]
public sealed class AbandonedAttemptsTests(PostgresServer postgres)
{
    [Fact]
    public async Task JobWhoseWorkerDied_ShowsOneAbandonedAttempt()
    {
        await using var api = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: false);
        api.Settings["Training:LeaseSweepInterval"] = "01:00:00"; // swept by the test, not the host
        using var client = api.CreateClient();
        var job = await client.SubmitAsync(ApiClient.QuickJob());
        Assert.Equal(0, job.AbandonedAttempts);

        // A worker took the job and died: its lease ran out a minute ago.
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
            var row = db.Jobs.Single(j => j.Id == job.Id);
            row.Start("cpu", "dead-worker", DateTimeOffset.UtcNow.AddMinutes(-2), TimeSpan.FromMinutes(1));
            await db.SaveChangesAsync();
        }
        Assert.Equal(1, await ActivatorUtilities.CreateInstance<AbandonedJobSweeper>(api.Services).SweepAsync(CancellationToken.None));

        var requeued = await client.GetJobAsync(job.Id);
        Assert.Equal((JobStatus.Queued, 1), (requeued.Status, requeued.AbandonedAttempts));
    }

    [Fact]
    public async Task OpenApi_DescribesAbandonedAttempts_AsAnInteger()
    {
        await using var api = WganApiFactory.Embedded();
        using var client = api.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));

        var field = document.RootElement.GetProperty("components").GetProperty("schemas")
            .GetProperty("JobResponse").GetProperty("properties").GetProperty("abandonedAttempts");
        Assert.Equal("integer", field.GetProperty("type").GetString());
        Assert.Contains("stopped without finishing the job or handing it back", field.GetProperty("description").GetString(),
            StringComparison.Ordinal);
    }
}
