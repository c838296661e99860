using System.Diagnostics;
using System.Text;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>
/// A real `WganService.Worker` process (built beside the tests through a project reference) against
/// a PostgreSQL database, with its console output kept for failure messages.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process) => _process = process;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <param name="settings">Extra configuration, as environment variables (<c>Training__LeaseDuration</c>).</param>
    public static WorkerProcess Start(string postgres, IReadOnlyDictionary<string, string>? settings = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(BuiltAssembly.Find("Worker", "WganService.Worker.dll"));
        info.Environment["ConnectionStrings__Postgres"] = postgres;
        info.Environment["Training__Threads"] = "1";
        info.Environment["Training__FlushInterval"] = "00:00:00.200";
        info.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var worker = new WorkerProcess(Process.Start(info) ?? throw new InvalidOperationException("Could not start the worker."));
        worker._process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        return worker;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Polls (with a deadline) until the worker has logged <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (deadline.IsCancellationRequested) throw new TimeoutException($"'{text}' not in the worker's log:\n{Output}");
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>A wait that, when it times out, says what this worker was doing.</summary>
    public async Task<T> ExplainAsync<T>(Task<T> wait)
    {
        try
        {
            return await wait;
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException($"Timed out; the worker's log:\n{Output}", e);
        }
    }

    /// <summary>The generator step this worker logged resuming the job from.</summary>
    public int ResumedFrom(Guid jobId)
    {
        var marker = $"Job {jobId} resumes from its checkpoint at generator step ";
        var line = Output.Split('\n').SingleOrDefault(l => l.Contains(marker, StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"No resume in the worker's log:\n{Output}");
        var rest = line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
        return int.Parse(new string([.. rest.TakeWhile(char.IsDigit)]), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>SIGKILL: the process gets no chance to hand anything back, as when a host dies.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as `docker stop` or systemd sends: the host shuts down gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -TERM failed for worker {_process.Id}.");
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
