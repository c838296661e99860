using System.Net;
using System.Net.Sockets;

namespace WganService.Api.Tests.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster built from the installed server binaries: no Docker, no running
/// service, nothing outside one temp folder. Durability is off because the data dies with the run.
/// A test that wants an outage owns one (<see cref="CreateAsync"/>) and calls <see cref="StopAsync"/>
/// and <see cref="StartAsync"/>: the server comes back on the same port with its data, so connection
/// strings handed out before the outage work again after it.
/// </summary>
internal sealed class LocalPostgresCluster : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _dataDirectory;
    private readonly string _logFile;

    private LocalPostgresCluster(string binDirectory, string folder)
    {
        BinDirectory = binDirectory;
        _folder = folder;
        _dataDirectory = Path.Combine(folder, "data");
        _logFile = Path.Combine(folder, "server.log");
    }

    public string BinDirectory { get; }

    public string AdminConnectionString { get; private set; } = "";

    /// <summary>Whether the server is running (between <see cref="StopAsync"/> and <see cref="StartAsync"/> it is not).</summary>
    public bool IsRunning { get; private set; }

    /// <summary>The server's TCP port on 127.0.0.1; it stays the same across a stop and start.</summary>
    public int Port { get; private set; }

    /// <summary>Creates a database on this server; returns a connection string to it (valid across a stop and start).</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct)
    {
        await PostgresCommands.ExecuteAsync(AdminConnectionString, $"CREATE DATABASE {name}", ct);
        return new Npgsql.NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Creates the cluster and starts its server.</summary>
    public static async Task<LocalPostgresCluster> CreateAsync(CancellationToken ct)
    {
        var binDirectory = PostgresTools.FindBinDirectory();
        await PostgresTools.RemoveStaleClustersAsync(binDirectory);

        // Short name: the unix socket path inside it must stay under the 107-byte limit.
        var name = $"{PostgresTools.FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}";
        var folder = Path.Combine(Path.GetTempPath(), name);
        Directory.CreateDirectory(folder);
        var cluster = new LocalPostgresCluster(binDirectory, folder);
        try
        {
            await cluster.InitAndStartAsync(ct);
            return cluster;
        }
        catch
        {
            try
            {
                await cluster.DisposeAsync();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException)
            {
                // Keep the original error; the next run's stale-cluster sweep removes what is left.
            }

            throw;
        }
    }

    /// <summary>
    /// Stops the server the way a crash or a killed container would (immediate mode: no checkpoint,
    /// every client connection cut at once), so clients see an outage, not a polite shutdown.
    /// </summary>
    public async Task StopAsync(CancellationToken ct)
    {
        await PostgresTools.RunAsync(BinDirectory, _folder, "pg_ctl", ["stop", "-D", _dataDirectory, "-m", "immediate", "-w"], ct);
        IsRunning = false;
    }

    /// <summary>Starts the stopped server again on its port; it runs crash recovery and then accepts connections.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (IsRunning) throw new InvalidOperationException("The cluster is already running.");
        await StartServerAsync(Port, ct);
    }

    public async ValueTask DisposeAsync()
    {
        // Immediate stop: nothing needs flushing, and it keeps the end of the test run short.
        // If stopping fails the folder stays, so the next run's stale-cluster sweep can retry.
        if (File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
        {
            await PostgresTools.RunAsync(BinDirectory, _folder, "pg_ctl", ["stop", "-D", _dataDirectory, "-m", "immediate", "-w"],
                CancellationToken.None);
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task InitAndStartAsync(CancellationToken ct)
    {
        // The postgres user must own the folder: initdb creates data/ and the server its socket here.
        await PostgresTools.GiveToPostgresUserAsync(_folder, ct);

        // --no-sync and the C locale keep initdb to about a second and independent of the host's locales.
        await PostgresTools.RunAsync(BinDirectory, _folder, "initdb",
            ["-D", _dataDirectory, "--auth=trust", "--no-sync", "-U", "postgres", "-E", "UTF8", "--locale=C"], ct);

        // A free port can be taken by someone else before the server binds it; then try another.
        for (var attempt = 1; ; attempt++)
        {
            var port = FindFreePort();
            try
            {
                await StartServerAsync(port, ct);
                Port = port;
                AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && ReadLog().Contains("could not bind", StringComparison.Ordinal))
            {
            }
        }
    }

    private async Task StartServerAsync(int port, CancellationToken ct)
    {
        // pg_ctl hands -o to /bin/sh, so the folder is single-quoted; every other token is a plain word.
        var socketDirectory = "'" + _folder.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        // fsync off: the machine never crashes under a test, only the server. synchronous_commit stays
        // on, so a commit has reached the WAL (in the OS's cache) before it returns: outage tests stop
        // this server in immediate mode, and committed rows must survive that (with it off, a job
        // submitted just before the stop came back missing).
        var options = string.Join(' ',
            $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={socketDirectory}",
            "-c fsync=off -c full_page_writes=off -c max_connections=300");
        try
        {
            // -w waits until the server accepts connections. -l sends the server's output to a file:
            // a server inheriting pg_ctl's stdout pipe would keep our read of it open until it exits.
            await PostgresTools.RunAsync(BinDirectory, _folder, "pg_ctl",
                ["start", "-D", _dataDirectory, "-l", _logFile, "-w", "-t", "60", "-o", options], ct);
            IsRunning = true;
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{e.Message}\nserver.log: {ReadLog().Trim()}", e);
        }
    }

    private string ReadLog() => File.Exists(_logFile) ? File.ReadAllText(_logFile) : "";

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
