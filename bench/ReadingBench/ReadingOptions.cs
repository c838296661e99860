using System.Globalization;

namespace WganService.Bench.Reading;

/// <param name="Recipe">A QualityBench recipe name (bench/QualityBench/QualityRecipes.cs).</param>
/// <param name="Warm">Generator steps trained before the readings start.</param>
/// <param name="Steps">Generator steps each followed by a reading.</param>
/// <param name="HeldOut">Held-out test images read, and generated samples read against them (an MNIST evaluation reads 500).</param>
public sealed record ReadingOptions(string Recipe, int Warm, int Steps, int HeldOut, int Threads, string Data)
{
    public static ReadingOptions Parse(string[] args)
    {
        var options = new ReadingOptions("wgan-defaults", 1200, 200, 500, 2, Path.Combine("bench", "mnist", "data"));
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--recipe" => options with { Recipe = args[++i] },
                "--warm" => options with { Warm = Count(args[++i]) },
                "--steps" => options with { Steps = Count(args[++i]) },
                "--held-out" => options with { HeldOut = Count(args[++i]) },
                "--threads" => options with { Threads = Count(args[++i]) },
                "--data" => options with { Data = args[++i] },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        return options;
    }

    private static int Count(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
