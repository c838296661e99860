using System.Globalization;
using System.Text;
using WganService.Gan.Classifier;

namespace WganService.Bench.Quality;

/// <summary>One recipe's judgements, one per mark in order.</summary>
public sealed record RecipeRun(string Recipe, IReadOnlyList<(MarkReached Mark, ClassifierScores Scores)> Judged);

/// <summary>
/// The race as a markdown table: FD at each mark, and when each recipe first reached the FD the
/// PyTorch recipe ends with (linear between marks), as a speed-up over the PyTorch recipe's final mark.
/// </summary>
public static class QualityTable
{
    public static string Render(
        IReadOnlyList<double> marks, IReadOnlyList<RecipeRun> runs, double floor, double noise, int threads, int samples)
    {
        var text = new StringBuilder();
        var target = runs.FirstOrDefault(r => r.Recipe == QualityRecipes.PytorchSeed)?.Judged[^1].Scores.FrechetDistance;
        var last = marks[^1];
        text.AppendLine(CultureInfo.InvariantCulture,
            $"MNIST (8,000 training images), {threads} training threads, minutes of training time (evaluation excluded). " +
            $"FD of {samples} generated samples against held-out half A ({samples} test images), by the service's domain classifier.");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"FD floor (real half B): {floor:F2}; real half B + Gaussian noise σ {ClassifierEvaluation.NoiseSigma:F1}: {noise:F2}. " +
            $"Each cell: FD (classes covered, confident share) @ generator steps.");
        text.AppendLine();
        var targetHeader = target is { } t
            ? Invariant($"time to FD {t:F2} (PyTorch at {last:g} min)")
            : "time to PyTorch's final FD (not run)";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| recipe | {string.Join(" | ", marks.Select(m => Invariant($"{m:g} min")))} | {targetHeader} | speed-up |");
        text.AppendLine(CultureInfo.InvariantCulture, $"|---|{string.Concat(marks.Select(_ => "---|"))}---|---|");
        foreach (var run in runs)
        {
            var cells = run.Judged.Select(j => string.Create(CultureInfo.InvariantCulture,
                $"{j.Scores.FrechetDistance:F2} ({j.Scores.ClassesCovered}, {j.Scores.ConfidentShare:F2}) " +
                $"@ {j.Mark.GeneratorSteps}{(j.Mark.JobEnded ? " (job ended)" : "")}"));
            var (reached, speedUp) = target is { } goal ? Reach(run, goal, last) : ("n/a", "n/a");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {run.Recipe} | {string.Join(" | ", cells)} | {reached} | {speedUp} |");
        }
        return text.ToString();
    }

    /// <summary>The first time the FD is at or below <paramref name="goal"/>, linear between the marks around it.</summary>
    public static (string Reached, string SpeedUp) Reach(RecipeRun run, double goal, double lastMark)
    {
        var judged = run.Judged;
        var first = judged.ToList().FindIndex(j => j.Scores.FrechetDistance <= goal);
        if (first < 0) return ("not reached", "—");
        if (first == 0)
            return (Invariant($"≤ {judged[0].Mark.Minutes:g} min"), Invariant($"≥ {lastMark / judged[0].Mark.Minutes:F1}×"));
        var (before, after) = (judged[first - 1], judged[first]);
        var (fdBefore, fdAfter) = (before.Scores.FrechetDistance, after.Scores.FrechetDistance);
        var minutes = before.Mark.Minutes + (fdBefore - goal) / (fdBefore - fdAfter) * (after.Mark.Minutes - before.Mark.Minutes);
        return (Invariant($"{minutes:F2} min"), Invariant($"{lastMark / minutes:F1}×"));
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
