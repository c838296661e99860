using System.Globalization;

namespace WganService.Bench.Quality;

/// <param name="Marks">Minutes of training time (evaluation excluded) at which every recipe is judged, ascending.</param>
/// <param name="Recipes">Recipe names to run (service recipes and "pytorch-seed"); null for all.</param>
/// <param name="BudgetMinutes">The service recipes' maxTrainingMinutes (their learning-rate decay follows it); null for the last mark.
/// A short screening run (--marks 2.5,5,7 --budget 20) then sees the schedule a 20-minute job has.</param>
/// <param name="SecondClassifierSteps">When set, a second classifier trained for this many steps also judges every
/// service recipe's marks (printed beside the first), to see how the judge's own training changes the verdict.</param>
public sealed record QualityOptions(
    int Threads,
    double[] Marks,
    HashSet<string>? Recipes,
    string Data,
    string Out,
    string? ReferenceScript,
    double? BudgetMinutes = null,
    int? SecondClassifierSteps = null)
{
    public static QualityOptions Parse(string[] args)
    {
        var options = new QualityOptions(
            2, [2.5, 5, 10, 20], null, Path.Combine("bench", "mnist", "data"), Path.Combine("bench", "quality", "out"), null);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--threads" => options with { Threads = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--marks" => options with
                {
                    Marks = [.. args[++i].Split(',').Select(m => double.Parse(m, CultureInfo.InvariantCulture)).Order()],
                },
                "--recipe" => options with { Recipes = [.. args[++i].Split(',')] },
                "--data" => options with { Data = args[++i] },
                "--out" => options with { Out = args[++i] },
                "--reference" => options with { ReferenceScript = args[++i] },
                "--budget" => options with { BudgetMinutes = double.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--second-classifier-steps" => options with { SecondClassifierSteps = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        if (options.Marks.Length == 0 || options.Marks[0] <= 0)
            throw new ArgumentException("--marks needs positive minutes, e.g. 2.5,5,10,20.");
        var unknown = options.Recipes?.Except(QualityRecipes.Names).ToArray() ?? [];
        if (unknown.Length > 0)
            throw new ArgumentException(
                $"Unknown recipe(s) {string.Join(", ", unknown)}; choose from {string.Join(", ", QualityRecipes.Names)}.");
        return options;
    }

    public double Budget => BudgetMinutes ?? Marks[^1];

    public bool Runs(string recipe) => Recipes is null || Recipes.Contains(recipe);
}
