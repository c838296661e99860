namespace WganService.Domain.Sweeps;

/// <summary>
/// What successive halving knows of one trial: the objective it recorded at each rung it completed (lower is
/// better), and whether it is in the queue or training now (then it is on its way to the next rung and is
/// not waiting for a promotion).
/// </summary>
public sealed record TrialStanding(Guid Trial, IReadOnlyList<double> ObjectiveAtRung, bool Active)
{
    /// <summary>The highest rung completed, −1 before the first.</summary>
    public int Rung => ObjectiveAtRung.Count - 1;
}
