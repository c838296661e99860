using Npgsql;
using Testcontainers.PostgreSql;

namespace WganService.Api.Tests.Postgres;

/// <summary>
/// A PostgreSQL server for tests, handing out fresh isolated databases. Tries, in order: an admin
/// connection string in WGAN_TEST_POSTGRES, Testcontainers, a throwaway cluster from the installed
/// binaries. When all fail, initialisation throws: tests needing PostgreSQL fail, never skip.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ConnectionStringVariable = "WGAN_TEST_POSTGRES";

    private readonly List<string> _databases = [];
    private readonly List<string> _failedAttempts = [];
    private readonly Lock _gate = new();
    private string? _adminConnectionString;
    private PostgreSqlContainer? _container;
    private LocalPostgresCluster? _cluster;

    /// <summary>Superuser connection to the server's maintenance database.</summary>
    public string AdminConnectionString =>
        _adminConnectionString ?? throw new InvalidOperationException("PostgresServer is not initialised.");

    /// <summary>Where the server came from: "environment", "testcontainers" or "local cluster &lt;bin dir&gt;".</summary>
    public string Source { get; private set; } = "none";

    /// <summary>Why the sources tried before <see cref="Source"/> were not used.</summary>
    public IReadOnlyList<string> FailedAttempts => _failedAttempts;

    public async Task InitializeAsync()
    {
        if (await TryAsync("environment", FromEnvironment)
            || await TryAsync("testcontainers", FromTestcontainersAsync)
            || await TryAsync("local cluster", FromLocalClusterAsync))
        {
            return;
        }

        throw new InvalidOperationException(
            "No PostgreSQL server for tests. Tried:\n  " + string.Join("\n  ", _failedAttempts));
    }

    /// <summary>Creates an empty, uniquely named database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken ct = default)
    {
        // From a GUID: a safe identifier, no quoting issues, well under the 63-byte limit.
        var name = $"wgan_test_{Guid.NewGuid():N}";
        await PostgresCommands.ExecuteAsync(AdminConnectionString, $"CREATE DATABASE \"{name}\"", ct);
        lock (_gate)
        {
            _databases.Add(name);
        }

        var assembly = typeof(PostgresServer).Assembly.GetName().Name;
        await PostgresMarker.AppendAsync($"created {name} via {Source} ({assembly})", ct);
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        var errors = new List<Exception>();
        if (_adminConnectionString is not null)
        {
            // Idle pooled connections of the tests would hold the databases; FORCE ends any others.
            NpgsqlConnection.ClearAllPools();
            foreach (var name in _databases)
            {
                try
                {
                    await PostgresCommands.ExecuteAsync(_adminConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)",
                        default);
                }
                catch (NpgsqlException e)
                {
                    errors.Add(e); // keep dropping the rest, and still stop the server below
                }
            }
        }

        await ReleaseServerAsync();
        if (errors.Count > 0)
        {
            throw new AggregateException("Could not drop every test database.", errors);
        }
    }

    private async Task<bool> TryAsync(string source, Func<Task<(string Source, string ConnectionString)>> start)
    {
        try
        {
            var (actualSource, connectionString) = await start();
            await PostgresCommands.WaitUntilAcceptingAsync(connectionString);
            (Source, _adminConnectionString) = (actualSource, connectionString);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Remember why: this becomes the failure message if no source works.
            _failedAttempts.Add($"{source}: {e.GetType().Name}: {e.Message}");
            await ReleaseServerAsync();
            return false;
        }
    }

    private static Task<(string, string)> FromEnvironment()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException($"{ConnectionStringVariable} is not set")
            : Task.FromResult(("environment", connectionString));
    }

    private async Task<(string, string)> FromTestcontainersAsync()
    {
        // Build() throws DockerUnavailableException at once when no Docker engine answers.
        _container = new PostgreSqlBuilder("postgres:15-alpine")
            .WithCommand("-c", "full_page_writes=off", "-c", "synchronous_commit=off", "-c", "max_connections=300")
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // bounds a slow image pull
        await _container.StartAsync(timeout.Token);
        return ("testcontainers", _container.GetConnectionString());
    }

    private async Task<(string, string)> FromLocalClusterAsync()
    {
        _cluster = await LocalPostgresCluster.CreateAsync(CancellationToken.None);
        return ($"local cluster {_cluster.BinDirectory}", _cluster.AdminConnectionString);
    }

    private async Task ReleaseServerAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
            _container = null;
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }
}
