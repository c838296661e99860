using Microsoft.Data.Sqlite;
using Npgsql;

namespace WganService.Domain.Persistence;

/// <summary>
/// Whether an exception means the database cannot be reached right now (PostgreSQL down, restarting
/// or out of connections; a network timeout; SQLite locked by another writer) rather than an error in
/// what was asked of it. The Api answers such requests 503; a trainer keeps its rows for the next try.
/// </summary>
public static class TransientDatabaseErrors
{
    // SQLITE_BUSY and SQLITE_LOCKED: another connection holds the lock past the busy timeout.
    private const int SqliteBusy = 5, SqliteLocked = 6;

    public static bool IsTransient(Exception exception)
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
