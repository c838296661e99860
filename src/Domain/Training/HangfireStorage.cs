using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace WganService.Domain.Training;

/// <summary>The one place both hosts configure Hangfire's storage, so Api and workers agree.</summary>
public static class HangfireStorage
{
    public const string TrainingQueue = "training";

    /// <summary>
    /// Sweep trials that trained already and go on (JobEnqueuer.QueueFor), fetched before the training queue.
    /// Each storage orders queues its own way: Hangfire.InMemory (1.0) tries a server's queues in the order the
    /// server lists them, and Hangfire.PostgreSql (1.21, PostgreSqlJobQueue) fetches by
    /// <c>ORDER BY fetchedat NULLS FIRST, queue, jobid</c> among the queues a server listens to, so by queue
    /// name. Servers list this queue first (TrainingServer) and its name sorts before "training", so both put
    /// it first. Within a queue, jobs go in the order they were enqueued.
    /// </summary>
    public const string PromotedQueue = "promoted";

    /// <summary>
    /// How old a row in Hangfire's lock table must be before another process may delete it and take the
    /// lock. Hangfire.PostgreSql (1.21) stamps a lock row once when it is taken, never refreshes it while
    /// held, and lets every acquirer delete rows older than this; nothing else removes them. So a process
    /// killed while holding one (for example a job's state lock, taken for each state change) blocks
    /// every state change of that job for this long: 10 minutes by default, which stalled a CI run.
    /// It must outlast the longest hold by a live process, or two would hold the lock at once. Hangfire
    /// holds job and scheduler locks for a state change's few statements (milliseconds; each statement
    /// bounded by Npgsql's 30 s command timeout); a minute leaves room for one stalled statement and
    /// clock differences between hosts. Only the expiration manager can hold its lock longer (a second
    /// between batches of deletions), and running it twice at once is harmless. Training never relies on
    /// these locks: a job's lease keeps it to one trainer even if two processes held one.
    /// </summary>
    public static readonly TimeSpan StaleLockAfter = TimeSpan.FromMinutes(1);

    public static IGlobalConfiguration UseWganStorage(this IGlobalConfiguration configuration, string? postgres)
    {
        configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        if (string.IsNullOrWhiteSpace(postgres)) return configuration.UseInMemoryStorage();

        return configuration.UsePostgreSqlStorage(
            o => o.UseNpgsqlConnection(postgres),
            new PostgreSqlStorageOptions
            {
                // Without sliding, a job running longer than the invisibility timeout is handed to a
                // second worker while the first still trains it.
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
                QueuePollInterval = TimeSpan.FromSeconds(1),
                DistributedLockTimeout = StaleLockAfter,
                PrepareSchemaIfNecessary = true,
            });
    }
}
