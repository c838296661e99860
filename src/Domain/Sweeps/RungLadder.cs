namespace WganService.Domain.Sweeps;

/// <summary>
/// Where successive halving stops trials to compare them: rung k sits at ηᵏ⁻ˢ of the per-trial budget, with
/// s = ⌊log_η(trials)⌋ so that the lowest rung can still hand on at least one trial (9 trials at η = 3: rungs at
/// 1/9, 1/3 and the whole budget). Without early stopping there is one rung, the whole budget.
/// </summary>
public sealed class RungLadder
{
    private RungLadder(double[] fractions) => Fractions = fractions;

    /// <summary>The fraction of the per-trial budget at which each rung sits, lowest first; the last is 1.</summary>
    public IReadOnlyList<double> Fractions { get; }

    public int Top => Fractions.Count - 1;

    public static RungLadder Halving(int trials, int eta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(eta, 2);
        var s = 0;
        // Integer powers: ⌊log_η(n)⌋ without floating-point edge cases (log₃ 9 = 1.9999…).
        for (var reach = eta; reach <= trials; reach *= eta) s++;
        return new RungLadder([.. Enumerable.Range(0, s + 1).Select(k => Math.Pow(eta, k - s))]);
    }

    public static RungLadder WholeBudget() => new([1.0]);

    /// <summary>
    /// The generator steps that end rung <paramref name="rung"/> of a trial budgeted <paramref name="budgetSteps"/> (at least 1).
    /// </summary>
    public int Steps(int rung, int budgetSteps) =>
        rung == Top ? budgetSteps : Math.Max(1, (int)Math.Round(Fractions[rung] * budgetSteps));
}
