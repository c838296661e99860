using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace WganService.Domain.Training;

/// <summary>The one place both hosts configure Hangfire's storage, so Api and workers agree.</summary>
public static class HangfireStorage
{
    public const string TrainingQueue = "training";

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
                PrepareSchemaIfNecessary = true,
            });
    }
}
