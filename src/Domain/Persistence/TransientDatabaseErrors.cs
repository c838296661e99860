using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace WganService.Domain.Persistence;

/// <summary>
/// Tells a database that is unreachable or busy for now (worth retrying later) from an error in what
/// was asked of it (retrying would fail the same way).
/// </summary>
public static class TransientDatabaseErrors
{
    private const int SqliteBusy = 5, SqliteLocked = 6;

    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                case SocketException or TimeoutException:
                    return true;
            }
        }
        return false;
    }
}
