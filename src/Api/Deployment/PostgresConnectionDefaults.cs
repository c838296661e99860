using System.Data.Common;
using Npgsql;

namespace WganService.Api.Deployment;

/// <summary>
/// The Api's defaults for its PostgreSQL connection string, where the operator set none. Npgsql waits
/// 15 s to open a connection; while the database is unreachable every request would hang that long
/// before its 503. Five seconds is far above a healthy connect (milliseconds) and keeps an outage's
/// answers quick. Requests are not retried inside the Api (no EF retry strategy): the client gets a
/// 503 with Retry-After at once instead of a request that hangs through the retries.
/// </summary>
public static class PostgresConnectionDefaults
{
    public const int ConnectTimeoutSeconds = 5;

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        // Npgsql's only key for it; keys are case-insensitive.
        if (given.ContainsKey("Timeout")) return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { Timeout = ConnectTimeoutSeconds }.ConnectionString;
    }
}
