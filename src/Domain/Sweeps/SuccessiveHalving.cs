namespace WganService.Domain.Sweeps;

/// <summary>
/// Asynchronous successive halving (ASHA; Li et al. 2020, "A System for Massively Parallel Hyperparameter
/// Tuning", Algorithm 2): a trial that completes rung k waits there; it goes on to rung k + 1 as soon as it
/// is among the best ⌊n_k / η⌋ of the n_k trials that have completed rung k so far. Decisions are taken as
/// results arrive, never in lock-step, so free workers are never held back by a slow trial; a trial that is
/// never promoted is stopped there for good once every trial has passed the rung.
/// </summary>
public static class SuccessiveHalving
{
    /// <summary>The trials waiting at a rung that should now go on to the next one.</summary>
    public static IReadOnlyList<Guid> Promotions(IReadOnlyCollection<TrialStanding> trials, RungLadder ladder, int eta)
    {
        var promoted = new List<Guid>();
        for (var rung = 0; rung < ladder.Top; rung++)
        {
            var completed = trials.Where(t => t.Rung >= rung).ToList();
            var best = completed
                .OrderBy(t => Comparable(t.ObjectiveAtRung[rung]))
                .ThenBy(t => t.Trial)
                .Take(completed.Count / eta);
            promoted.AddRange(best.Where(t => t.Rung == rung && !t.Active).Select(t => t.Trial));
        }
        return promoted;
    }

    /// <summary>
    /// The best trial: the lowest objective among the trials that reached the highest rung any trial reached
    /// (a trial stopped early is never preferred over one trained further); null before any result.
    /// </summary>
    public static TrialStanding? Best(IReadOnlyCollection<TrialStanding> trials)
    {
        var reached = trials.Where(t => t.Rung >= 0).ToList();
        if (reached.Count == 0) return null;
        var top = reached.Max(t => t.Rung);
        return reached.Where(t => t.Rung == top).OrderBy(t => Comparable(t.ObjectiveAtRung[top])).ThenBy(t => t.Trial).First();
    }

    /// <summary>A diverged trial's NaN objective ranks last, not first (NaN sorts below every number).</summary>
    private static double Comparable(double objective) => double.IsNaN(objective) ? double.PositiveInfinity : objective;
}
