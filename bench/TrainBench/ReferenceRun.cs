using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace WganService.Bench.Train;

/// <summary>One run of shared/reference/wgan_reference.py (Debian's python3-torch), in its own process.</summary>
public static class ReferenceRun
{
    public static double IterationsPerSecond(string script, string config, int threads, int iterations)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     script, "--config", config, "--threads", threads.ToString(CultureInfo.InvariantCulture),
                     "--iters", iterations.ToString(CultureInfo.InvariantCulture),
                 })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"The reference failed ({process.ExitCode}): {stderr}\n" +
                "Install it with: apt-get install -y python3-torch libopenblas0-pthread");
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.GetProperty("iters_per_second").GetDouble();
    }

    /// <summary>shared/reference/wgan_reference.py in the nearest folder above the bench's binaries that holds one.</summary>
    public static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "wgan_reference.py");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("shared/reference/wgan_reference.py not found above the bench; pass --reference PATH.");
    }
}
