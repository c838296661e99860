using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace WganService.Bench.Quality;

/// <summary>
/// bench/quality/pytorch_seed.py (Debian's python3-torch) in its own process, run alone: it trains the
/// seed's recipe on the same IDX files at the same thread count and leaves its samples at each mark as .npy.
/// </summary>
public static class PytorchSeedRun
{
    private static readonly string Script = Path.Combine("bench", "quality", "pytorch_seed.py");

    private const string Python = "/usr/bin/python3";

    private const string InstallHint = "Install PyTorch with: apt-get install -y python3-torch libopenblas0-pthread";

    /// <summary>
    /// Fails at once if Debian's python3 cannot import torch and numpy, so a race that includes the PyTorch recipe
    /// does not find out only after the service's recipes have trained for their whole budget.
    /// </summary>
    public static void EnsureAvailable()
    {
        using var process = StartPython("-c", "import numpy, torch");
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Python} cannot import numpy and torch: {stderr}\n{InstallHint}");
    }

    /// <summary>Debian's python3 with <paramref name="args"/>, its output and errors redirected.</summary>
    private static Process StartPython(params string[] args)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Python}.");
    }

    public static IReadOnlyList<(MarkReached Mark, string NpyPath)> Run(QualityOptions options, string referenceScript, int samples)
    {
        using var process = StartPython(
            Script, "--data", options.Data, "--out", options.Out, "--reference", referenceScript,
            "--marks", string.Join(',', options.Marks.Select(m => m.ToString(CultureInfo.InvariantCulture))),
            "--threads", options.Threads.ToString(CultureInfo.InvariantCulture),
            "--samples", samples.ToString(CultureInfo.InvariantCulture));
        var stderr = process.StandardError.ReadToEndAsync();
        var marks = new List<(MarkReached, string)>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var mark = new MarkReached(
                root.GetProperty("minutes").GetDouble(), TimeSpan.FromSeconds(root.GetProperty("seconds").GetDouble()),
                root.GetProperty("generator_steps").GetInt32(), JobEnded: false, TrainingWasserstein: double.NaN);
            Console.WriteLine(FormattableString.Invariant(
                $"  {QualityRecipes.PytorchSeed} at {mark.Minutes:g} min: {mark.GeneratorSteps} generator steps"));
            marks.Add((mark, root.GetProperty("path").GetString()!));
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{Script} failed ({process.ExitCode}): {stderr.Result}\n{InstallHint}");
        return marks;
    }
}
