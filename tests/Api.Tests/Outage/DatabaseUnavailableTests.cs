using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WganService.Api.Deployment;
using WganService.Api.Errors;
using WganService.Api.Hosting;

namespace WganService.Api.Tests.Outage;

/// <summary>Which database failures are "come back later" (503) and which are bugs (500).</summary>
public class DatabaseUnavailableTests
{
    public static TheoryData<Exception, bool> Failures => new()
    {
        { new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)), true },
        { new NpgsqlException("Exception while reading from stream", new TimeoutException()), true },
        { new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"), true },
        { new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"), true },
        { new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300"), true },
        // EF's wrappers: a failed save, and the "likely due to a transient failure" of a failed query.
        { new DbUpdateException("save failed", new NpgsqlException("broken", new IOException())), true },
        { new InvalidOperationException("transient", new NpgsqlException("broken", new SocketException())), true },
        { new SqliteException("database is locked", 5), true },
        { new SqliteException("database table is locked", 6), true },
        // Bugs and bad data stay 500s: retrying them would never help.
        { new PostgresException("syntax error", "ERROR", "ERROR", "42601"), false },
        { new DbUpdateException("save failed", new PostgresException("invalid byte sequence", "ERROR", "ERROR", "22021")), false },
        { new SqliteException("constraint failed", 19), false },
        { new InvalidOperationException("Cannot store 'NaN' values."), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Classifies(Exception failure, bool unavailable) => Assert.Equal(unavailable, DatabaseUnavailable.Is(failure));

    [Theory]
    [InlineData("Host=db;Database=wgan", 5)]
    [InlineData("Host=db;Database=wgan;Timeout=30", 30)]
    [InlineData("Host=db;Database=wgan;timeout=9", 9)]
    public void ConnectTimeout_DefaultsTo5s_UnlessTheOperatorSetOne(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(connectionString)).Timeout);
}
