namespace WganService.Domain.Sweeps;

/// <summary>
/// One trial's result at one rung: the sweep's objective there (the lowest its evaluations reached so far,
/// which is its best generator's score) and the step it was taken at. A table of their own rather than
/// columns on the job: a trial has one per rung it reached, successive halving reads all of a sweep's at
/// once, and each is written with the checkpoint taken at the rung (one save), so a trial that dies after
/// it resumes past it without training a step twice. <see cref="Promoted"/> records that halving sent the
/// trial on from this rung: promotions are never taken back, and a trial that resumes at a rung knows
/// whether it was already judged there.
/// </summary>
public sealed class SweepRungResult
{
    public Guid SweepId { get; init; }
    public Guid JobId { get; init; }
    public int Rung { get; init; }
    public int GeneratorStep { get; init; }
    /// <summary>Null when its evaluations gave no finite score: it ranks last, as a diverged trial does.</summary>
    public double? Objective { get; init; }
    public bool Promoted { get; set; }
    public DateTimeOffset RecordedAt { get; init; }
}
