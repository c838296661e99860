using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>
/// A real `WganService.Api` process in server mode, as a replica or a restarted container would run: its own
/// HOME (where ASP.NET Core keeps its default key ring), so two of these share nothing on disk, only the
/// database. Listens on a port the system picks and reads it back from the start-up log.
/// </summary>
public sealed partial class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _home;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private bool _disposed;

    private ApiProcess(Process process, string home) => (_process, _home) = (process, home);

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public Uri Address { get; private set; } = null!;

    /// <param name="settings">Configuration, as environment variables (<c>Auth__ApiKeys__0__Name</c>).</param>
    /// <param name="ownContentRoot">
    /// Run from the home folder rather than the build output, so the content root (ASP.NET Core's default
    /// Data Protection application name) differs from other replicas', as it does between images or hosts.
    /// </param>
    public static async Task<ApiProcess> StartAsync(
        string postgres, IReadOnlyDictionary<string, string> settings, bool ownContentRoot = false)
    {
        var home = Directory.CreateTempSubdirectory("wgan-api-home-").FullName;
        var dll = BuiltAssembly.Find("Api", "WganService.Api.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ownContentRoot ? home : Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.Environment["HOME"] = home;
        info.Environment["ConnectionStrings__Postgres"] = postgres;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["Hangfire__RunWorkerInApi"] = "false";
        foreach (var (key, value) in settings) info.Environment[key] = value;
        var api = new ApiProcess(Process.Start(info) ?? throw new InvalidOperationException("Could not start the Api."), home);
        api._process.OutputDataReceived += (_, e) => api.Append(e.Data);
        api._process.ErrorDataReceived += (_, e) => api.Append(e.Data);
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();
        // Generous: a busy shared machine has taken over a minute to start an Api process.
        await api.WaitUntilListeningAsync(TimeSpan.FromSeconds(180));
        return api;
    }

    public HttpClient CreateClient() => new(new HttpClientHandler { UseCookies = false }) { BaseAddress = Address };

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (ListeningOn().Match(line) is { Success: true } listening) _listening.TrySetResult(new Uri(listening.Groups[1].Value));
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(timeout));
        if (first != _listening.Task)
        {
            await DisposeAsync();
            throw new TimeoutException($"The Api {(first == exited ? "exited" : "did not listen in time")}:\n{Output}");
        }
        Address = await _listening.Task;
    }

    /// <summary>SIGKILL (idempotent): the replica is gone, as when its container dies; its home folder goes too.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        if (Directory.Exists(_home)) Directory.Delete(_home, recursive: true);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
