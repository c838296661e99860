namespace WganService.Domain.Sweeps;

// JSON names are kebab-case lower ("halving"). Stored as strings (StoredEnumNamesTests pins them).
public enum EarlyStoppingKind
{
    /// <summary>
    /// Asynchronous successive halving (<see cref="SuccessiveHalving"/>) over the rungs of <see cref="RungLadder.Halving"/>.
    /// </summary>
    Halving,

    /// <summary>Every trial trains its whole budget: one rung, the whole budget.</summary>
    None,
}
