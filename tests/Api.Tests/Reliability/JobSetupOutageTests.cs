using System.Data.Common;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Persistence;
using JobStatus = WganService.Domain.Jobs.JobStatus;

namespace WganService.Api.Tests.Reliability;

/// <summary>
/// A worker that loses the database while it sets a job up (loading its dataset or checkpoint, before
/// the training loop that rides out outages) hands the job back to be trained again instead of failing it.
/// </summary>
[Collection("postgres")]
public sealed class JobSetupOutageTests(PostgresServer postgres)
{
    [Fact]
    public async Task DatabaseLostWhileTheCheckpointIsRead_HandsTheJobBack_AndItTrains()
    {
        await using var factory = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: true);
        var outage = new CheckpointReadFailsOnce();
        // The seam: the real context on the real database, with one read failing as a restart makes it fail.
        await using var api = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<PostgresWganDbContext>(options => options.AddInterceptors(outage))));
        using var client = api.CreateClient();

        var job = await client.SubmitAsync(ApiClient.QuickJob());
        var finished = await client.WaitUntilFinishedAsync(job.Id, TimeSpan.FromMinutes(10)); // a loaded machine trains slowly

        Assert.Equal(1, outage.Failures);
        Assert.True(finished.Status == JobStatus.Succeeded, finished.Error);
        // Handed back and queued anew at once, not left for its lease to run out and be swept.
        Assert.Equal(0, finished.AbandonedAttempts);
    }

    /// <summary>The first read of a job's checkpoint meets a broken connection, as when PostgreSQL restarts under it.</summary>
    private sealed class CheckpointReadFailsOnce : DbCommandInterceptor
    {
        private int _failures;

        public int Failures => Volatile.Read(ref _failures);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            if (ReadsCheckpoint(command) && Interlocked.CompareExchange(ref _failures, 1, 0) == 0)
                throw new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer"));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        private static bool ReadsCheckpoint(DbCommand command) =>
            command.CommandText.Contains("FROM \"Artifacts\"", StringComparison.Ordinal)
            && command.CommandText.Contains("'checkpoint'", StringComparison.Ordinal);
    }
}
