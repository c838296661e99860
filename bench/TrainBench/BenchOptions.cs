using System.Globalization;

namespace WganService.Bench.Train;

public sealed record BenchOptions(
    int Threads, int Rounds, int ToyIterations, int ImageIterations, HashSet<string>? Configs, bool Memory, string? ReferenceScript,
    string? Bare = null)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(2, 3, 40, 8, null, false, null);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--threads" => options with { Threads = Int(args[++i]) },
                "--rounds" => options with { Rounds = Int(args[++i]) },
                "--toy-iters" => options with { ToyIterations = Int(args[++i]) },
                "--image-iters" => options with { ImageIterations = Int(args[++i]) },
                "--configs" => options with { Configs = [.. args[++i].Split(',')] },
                "--memory" => options with { Memory = true },
                "--reference" => options with { ReferenceScript = args[++i] },
                // Only the bare trainer's iterations per second on one config, for bench/train/service_overhead.sh.
                "--bare" => options with { Bare = args[++i] },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        return options;
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
