namespace WganService.Api.Deployment;

/// <summary>
/// Embedded (no connection string: SQLite file, in-memory Hangfire, training inside the Api) or
/// server (PostgreSQL for both; training in Worker processes unless the Api is told to train too).
/// </summary>
public sealed record ServiceMode(string? PostgresConnectionString, string SqliteFile, bool RunsTrainingWorker)
{
    public bool IsEmbedded => PostgresConnectionString is null;

    public static ServiceMode FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        var dataDirectory = Path.GetFullPath(configuration["Storage:DataDirectory"] ?? "data", environment.ContentRootPath);
        return string.IsNullOrWhiteSpace(postgres)
            ? new ServiceMode(null, Path.Combine(dataDirectory, "wgan.db"), RunsTrainingWorker: true)
            : new ServiceMode(PostgresConnectionDefaults.Apply(postgres), "", configuration.GetValue("Hangfire:RunWorkerInApi", false));
    }
}
