using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Training;

namespace WganService.Api.Tests.Reliability;

/// <summary>
/// A worker killed while it held one of Hangfire's locks leaves the lock's row behind, and
/// Hangfire.PostgreSql lets another process take the lock only once the row is older than the
/// storage's DistributedLockTimeout. With the service's storage a job whose state lock a killed
/// worker left a minute ago changes state at once; a live holder's lock still excludes; the
/// library's default (10 minutes) would still have blocked.
/// </summary>
[Collection("postgres")]
public sealed class StaleHangfireLockTests(PostgresServer postgres)
{
    // The bound docs/reliability.md and the README state.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task StateLockOfAKilledWorker_BlocksTheJobForAMinute_NotTen()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        api.Settings["Training:LeaseSweepInterval"] = "01:00:00"; // no sweeper changes Hangfire's jobs meanwhile
        using var client = api.CreateClient();
        var job = await client.SubmitAsync(ApiClient.QuickJob());
        var hangfireJob = (await api.Services.JobAsync(job.Id)).BackgroundJobId!;
        var storage = api.Services.GetRequiredService<JobStorage>();
        var stateLock = $"job:{hangfireJob}:state-lock";

        // The worker holding the job's state lock is alive (its row was just written): the next state
        // change of the job, as the next worker makes when it takes the job, waits for it.
        await LeaveLockRowAsync(database, stateLock, age: TimeSpan.Zero);
        var stateChange = Task.Run(() =>
            new BackgroundJobClient(storage)
                .ChangeState(hangfireJob, new EnqueuedState(HangfireStorage.TrainingQueue), EnqueuedState.StateName));
        Assert.NotSame(stateChange, await Task.WhenAny(stateChange, Task.Delay(TimeSpan.FromSeconds(3))));

        // Now the holder was killed a minute and a second ago, and never released it: the waiting state
        // change takes the lock at its next try (once a second).
        await LeaveLockRowAsync(database, stateLock, age: Bound + TimeSpan.FromSeconds(1));
        Assert.True(await stateChange.WaitAsync(TimeSpan.FromSeconds(15)));

        // Hangfire.PostgreSql's default would have kept waiting for that same row.
        await LeaveLockRowAsync(database, stateLock, age: Bound + TimeSpan.FromSeconds(1));
        var defaults = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false };
        Assert.Equal(TimeSpan.FromMinutes(10), defaults.DistributedLockTimeout);
        using var byDefault = new PostgreSqlStorage(new NpgsqlConnectionFactory(database, defaults), defaults).GetConnection();
        Assert.Throws<PostgreSqlDistributedLockException>(() => byDefault.AcquireDistributedLock(stateLock, TimeSpan.FromSeconds(2)));
    }

    /// <summary>
    /// The row Hangfire.PostgreSql writes when a process takes the lock (resource prefixed with the
    /// schema, stamped when taken), as a holder that died <paramref name="age"/> ago leaves it.
    /// </summary>
    private static Task LeaveLockRowAsync(string database, string resource, TimeSpan age) =>
        PostgresCommands.ExecuteAsync(database, string.Create(CultureInfo.InvariantCulture,
            $"""
            DELETE FROM hangfire.lock WHERE resource = 'hangfire:{resource}';
            INSERT INTO hangfire.lock (resource, acquired) VALUES ('hangfire:{resource}', now() - interval '{age.TotalSeconds} seconds');
            """), default);
}
