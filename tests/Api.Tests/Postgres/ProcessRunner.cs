using System.Diagnostics;

namespace WganService.Api.Tests.Postgres;

/// <summary>Runs a command-line tool without a shell and turns a failure into a readable exception.</summary>
internal static class ProcessRunner
{
    /// <summary>initdb and postgres refuse to run as root, so as root the tools run as the postgres user.</summary>
    // Environment.UserName is resolved from the effective uid on Linux, so it matches geteuid().
    public static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    /// <summary>
    /// Runs <paramref name="fileName"/> and returns its standard output. A non-zero exit or a timeout
    /// throws with stderr (and stdout) in the message, so a failed test says why.
    /// </summary>
    public static async Task<string> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            // ArgumentList, never a command string: paths with spaces or quotes need no escaping.
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The caller's directory may be unreadable for the postgres user (e.g. under /root).
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var commandLine = string.Join(' ', startInfo.ArgumentList.Prepend(fileName));
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"could not start {commandLine}");

        // Read both pipes concurrently: a child blocked on a full stderr pipe would never exit.
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException($"{commandLine} did not finish within {timeout.TotalSeconds:0} s");
        }

        var output = await stdout;
        var error = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{commandLine} exited with code {process.ExitCode}: {error.Trim()} {output.Trim()}".Trim());
        }

        return output;
    }
}
