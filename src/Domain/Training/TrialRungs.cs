using WganService.Domain.Persistence;
using WganService.Domain.Sweeps;

namespace WganService.Domain.Training;

/// <summary>
/// Where a sweep's trial stops to be judged: at each rung of its sweep's ladder, in generator steps when the
/// budget has them (<see cref="RungLadder.Steps"/>), else in training minutes (the time the checkpoint carries,
/// so a resumed trial keeps the same marks). Every trial trains towards the whole budget, so its learning-rate
/// schedule is a full run's and a promoted trial just goes on. At a rung it records its objective (its best
/// generator's score: the lowest so far), checkpoints, and asks the sweep whether it goes on
/// (<see cref="SweepDecisions"/>). The top rung is the job's own end: recorded there, with no decision to wait for.
/// </summary>
internal sealed class TrialRungs
{
    private readonly RungLadder _ladder;
    private readonly Guid _sweepId;
    private readonly Guid _jobId;
    private readonly int? _budgetSteps;
    private readonly double? _budgetMinutes;
    private readonly Func<CancellationToken, Task<TrialVerdict?>> _decide;
    private readonly WganDbContext _db;
    private readonly TimeProvider _clock;

    public TrialRungs(
        Sweep sweep, Guid jobId, int completed, Func<CancellationToken, Task<TrialVerdict?>> decide, WganDbContext db, TimeProvider clock)
    {
        (_ladder, _sweepId, _jobId) = (sweep.Ladder, sweep.Id, jobId);
        (_budgetSteps, _budgetMinutes) = (sweep.BudgetGeneratorSteps, sweep.BudgetMaxTrainingMinutes);
        (_decide, _db, _clock) = (decide, db, clock);
        Next = completed;
    }

    /// <summary>The next rung this trial completes.</summary>
    public int Next { get; private set; }

    /// <summary>Whether the step just taken completes a rung below the top.</summary>
    public bool IsDue(int generatorStep, TimeSpan trainingTime) =>
        Next < _ladder.Top && (_budgetSteps is { } steps
            ? generatorStep >= _ladder.Steps(Next, steps)
            : trainingTime.TotalMinutes >= _ladder.Fractions[Next] * _budgetMinutes!.Value);

    /// <summary>Records the rung's result, written with the next flush (with the checkpoint taken at the rung).</summary>
    public void Record(int generatorStep, double bestScore)
    {
        _db.SweepRungResults.Add(new SweepRungResult
        {
            SweepId = _sweepId, JobId = _jobId, Rung = Next, GeneratorStep = generatorStep,
            Objective = double.IsFinite(bestScore) ? bestScore : null, RecordedAt = _clock.GetUtcNow(),
        });
        Next++;
    }

    /// <summary>
    /// The job's last step: the top rung, and any rung below it that a time budget ended the job short of (with
    /// both budgets, rungs follow the steps, and the minutes may run out first). No decision: it trained its budget.
    /// </summary>
    public void RecordEnd(int generatorStep, double bestScore)
    {
        while (Next <= _ladder.Top) Record(generatorStep, bestScore);
    }

    public Task<TrialVerdict?> DecideAsync(CancellationToken cancellationToken) => _decide(cancellationToken);
}
