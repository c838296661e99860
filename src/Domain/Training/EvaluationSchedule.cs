using WganService.Gan;

namespace WganService.Domain.Training;

/// <summary>
/// When a job evaluates: every <c>evaluateEvery</c> generator steps, and, when it has a time budget, also at
/// each tenth of the budget that passes without an evaluation. The default <c>evaluateEvery</c> is a tenth of
/// <c>generatorSteps</c>, so a job that its budget ends early would otherwise get only a few evaluations: a
/// 20-minute MNIST job on 2 CPU threads reached 3,433 of its 5,000 steps, 6 evaluations at the step cadence
/// where the marks made it 16; with n_critic 5 the same budget reached about 1,600 steps, 3 evaluations.
/// The tenths follow training time, which the checkpoint carries, so a resumed job keeps the same marks.
/// A mark passed less than a quarter of a tenth after the previous evaluation adds none: the 20-minute MNIST proof
/// evaluated steps 1,000 and 1,002, and 3,000 and 3,001, where the cadence and a mark fell together, which
/// spent budget on a second reading of the same generator and counted it twice in Spearman(W, FD).
/// </summary>
internal sealed class EvaluationSchedule(Hyperparameters h, TrainingBudget budget)
{
    public const int BudgetMarks = 10;

    private int _marksCovered;
    private TimeSpan? _lastEvaluatedAt;

    /// <summary>Counts the budget's marks already passed (a resumed job's), so they do not all fire at once.</summary>
    public void Start() => (_marksCovered, _lastEvaluatedAt) = (MarksPassed(), null);

    /// <summary>Whether the step just taken is evaluated (its last step always is: pass <paramref name="last"/>).</summary>
    public bool IsDue(int generatorStep, bool last)
    {
        var marksPassed = MarksPassed();
        var cadence = last || generatorStep % h.EvaluateEvery == 0;
        var markInAGap = marksPassed > _marksCovered && !EvaluatedWithinAQuarterMark();
        // Any evaluation covers the marks passed so far, and so does a recent one: a mark only adds one where the
        // step cadence left a gap.
        _marksCovered = marksPassed;
        if (!cadence && !markInAGap) return false;
        _lastEvaluatedAt = budget.TrainingTime;
        return true;
    }

    // A quarter, not a half: with half, a 20-minute wgan MNIST job whose cadence fell just under a minute before each mark kept
    // 3 of its 9 marks (steps 414, 815 and 1,261; the rest only at the cadence, every 500).
    private bool EvaluatedWithinAQuarterMark() =>
        _lastEvaluatedAt is { } at && h.MaxTrainingMinutes is { } minutes
        && budget.TrainingTime - at < TimeSpan.FromMinutes(minutes / BudgetMarks / 4);

    private int MarksPassed() => h.MaxTrainingMinutes is { } minutes
        ? (int)Math.Floor(budget.TrainingTime.TotalMinutes / minutes * BudgetMarks)
        : 0;
}
