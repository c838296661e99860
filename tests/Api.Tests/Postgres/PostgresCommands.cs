using Npgsql;

namespace WganService.Api.Tests.Postgres;

/// <summary>The few admin statements the fixture needs, each on its own short-lived connection.</summary>
internal static class PostgresCommands
{
    public static async Task WaitUntilAcceptingAsync(string connectionString)
    {
        // A just-started server (or a CI service container) may need a moment; bad credentials fail at once.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                await ExecuteAsync(connectionString, "SELECT 1", default);
                return;
            }
            catch (NpgsqlException e) when (e.IsTransient && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    public static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
