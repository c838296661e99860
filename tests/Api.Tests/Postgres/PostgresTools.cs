using System.Diagnostics;
using System.Globalization;

namespace WganService.Api.Tests.Postgres;

/// <summary>Finds and runs the installed PostgreSQL server tools (initdb, pg_ctl).</summary>
internal static class PostgresTools
{
    // Folder names carry the owning process id so a later run can clean up after a killed one.
    public const string FolderPrefix = "wgan-pg-";

    private const string InstallRoot = "/usr/lib/postgresql";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The newest /usr/lib/postgresql/&lt;version&gt;/bin that has initdb, pg_ctl and postgres.</summary>
    public static string FindBinDirectory()
    {
        var candidates = Directory.Exists(InstallRoot) ? Directory.GetDirectories(InstallRoot) : [];
        return candidates
            .Select(dir => (Bin: Path.Combine(dir, "bin"), Version: ParseVersion(Path.GetFileName(dir))))
            .Where(c => File.Exists(Path.Combine(c.Bin, "initdb"))
                && File.Exists(Path.Combine(c.Bin, "pg_ctl"))
                && File.Exists(Path.Combine(c.Bin, "postgres")))
            .OrderByDescending(c => c.Version) // numeric, so 15 beats 9.6
            .Select(c => c.Bin)
            .FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"no initdb/pg_ctl/postgres under {InstallRoot}/*/bin (install the postgresql package)");
    }

    /// <summary>Runs a tool from <paramref name="binDirectory"/>; as root through runuser, because
    /// initdb and postgres refuse to run as root.</summary>
    public static Task<string> RunAsync(
        string binDirectory, string workingDirectory, string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var path = Path.Combine(binDirectory, tool);
        return ProcessRunner.IsRoot
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], workingDirectory, ToolTimeout, ct)
            : ProcessRunner.RunAsync(path, arguments, workingDirectory, ToolTimeout, ct);
    }

    /// <summary>Hands a folder to the postgres user when running as root (a no-op otherwise).</summary>
    public static async Task GiveToPostgresUserAsync(string folder, CancellationToken ct)
    {
        if (ProcessRunner.IsRoot)
        {
            await ProcessRunner.RunAsync("chown", ["postgres:postgres", folder], folder, ToolTimeout, ct);
        }
    }

    /// <summary>A killed test run never stopped its server: stop the ones whose owner process is gone.</summary>
    public static async Task RemoveStaleClustersAsync(string binDirectory)
    {
        var tempPath = Path.GetTempPath();
        foreach (var folder in Directory.GetDirectories(tempPath, FolderPrefix + "*"))
        {
            var pidText = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-')[0];
            if (!int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
            {
                continue;
            }

            try
            {
                var data = Path.Combine(folder, "data");
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                {
                    await RunAsync(binDirectory, tempPath, "pg_ctl", ["stop", "-D", data, "-m", "immediate", "-w"], CancellationToken.None);
                }

                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
            {
                // Best effort: a leftover must never keep this run from getting its own server.
            }
        }
    }

    private static double ParseVersion(string name) =>
        double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out var version) ? version : -1;

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
