using Microsoft.Data.Sqlite;
using Npgsql;

namespace WganService.Api.Errors;

/// <summary>
/// Whether an exception means the database cannot be reached right now (PostgreSQL down, restarting
/// or out of connections; a network timeout; SQLite locked by another writer) rather than a bug. Such
/// requests are answered 503 with Retry-After: the client's request was fine and will work later.
/// </summary>
internal static class DatabaseUnavailable
{
    /// <summary>Seconds a client should wait before retrying: about how long a PostgreSQL restart takes.</summary>
    public const int RetryAfterSeconds = 5;

    // SQLITE_BUSY and SQLITE_LOCKED: another connection holds the lock past the busy timeout.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool Is(Exception exception)
    {
        // EF Core and Hangfire wrap the provider's exception (DbUpdateException, InvalidOperationException).
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // IsTransient: connection refused or broken, timeouts, and the server states 57P01–57P03
                // (shutting down, starting up) and 53300 (too many connections); never a syntax error.
                case NpgsqlException { IsTransient: true }:
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                    return true;
            }
        }
        return false;
    }
}
