using WganService.Domain.Jobs;
using WganService.Domain.Sweeps;

namespace WganService.Domain.Tests.Sweeps;

/// <summary>
/// The promotion step a worker takes at a rung (or a settler takes for nobody), on 3 trials with η 3: rungs at a
/// third of the budget and the whole of it, so one of the three goes on.
/// </summary>
public sealed class PromotionStepTests
{
    private static readonly RungLadder Ladder = RungLadder.Halving(3, 3);
    private static readonly (Guid A, Guid B, Guid C) Id = (Trial(1), Trial(2), Trial(3));

    [Fact]
    public void TheAskingTrial_StopsAtItsRung_AndTheBetterStoppedOneIsQueuedAgain()
    {
        var decision = Decide(Id.A, At(Id.A, JobStatus.Running, 5.0), At(Id.B, JobStatus.Stopped, 1.0), At(Id.C, JobStatus.Stopped, 3.0));

        Assert.Equal(TrialVerdict.Stop, decision.Deciding);
        Assert.Equal([Id.B], decision.Requeued);
        Assert.Equal([Id.B], decision.Promoted);
        Assert.False(decision.SweepFinished);
    }

    [Fact]
    public void TheAskingTrial_GoesOn_WhenItIsTheBestThird_WithNothingQueuedAgain()
    {
        var decision = Decide(Id.A, At(Id.A, JobStatus.Running, 1.0), At(Id.B, JobStatus.Stopped, 5.0), At(Id.C, JobStatus.Stopped, 3.0));

        Assert.Equal(TrialVerdict.Continue, decision.Deciding);
        Assert.Equal([Id.A], decision.Promoted);
        Assert.Empty(decision.Requeued);
        Assert.False(decision.SweepFinished);
    }

    [Fact]
    public void TooFewResults_StopTheAskingTrial_ToWaitForMore()
    {
        var decision = Decide(Id.A, At(Id.A, JobStatus.Running, 1.0), At(Id.B, JobStatus.Stopped, 5.0), Fresh(Id.C, JobStatus.Queued));

        // ⌊2/3⌋ = 0 may go on yet: even the best so far waits, stopped, for the third result.
        Assert.Equal(TrialVerdict.Stop, decision.Deciding);
        Assert.Empty(decision.Requeued);
        Assert.False(decision.SweepFinished);
    }

    [Fact]
    public void ARunningTrialThatPassedTheRung_CountsThere_ButDecidesForItself()
    {
        // B saved its result and is about to ask: it is among the best, but not this decision's to queue.
        var decision = Decide(Id.A, At(Id.A, JobStatus.Running, 5.0), At(Id.B, JobStatus.Running, 1.0), At(Id.C, JobStatus.Stopped, 3.0));

        Assert.Equal(TrialVerdict.Stop, decision.Deciding);
        Assert.Empty(decision.Requeued);
        Assert.False(decision.SweepFinished);
    }

    [Fact]
    public void AFailedTrial_CompletesItsRungWithNaN_RankedLast()
    {
        var decision = Decide(Id.A, At(Id.A, JobStatus.Running, 5.0), Fresh(Id.B, JobStatus.Failed), At(Id.C, JobStatus.Stopped, 3.0));

        Assert.Equal(TrialVerdict.Stop, decision.Deciding);
        Assert.Equal([Id.C], decision.Requeued);
    }

    [Fact]
    public void APromotion_IsNeverTakenBack_WhenATrialResumesAtItsRung()
    {
        // A was promoted when it was best; since then B did better. A resumes at its rung (its worker died) and goes
        // on; B, now the best third, goes on too (ASHA may send more than 1/η of a rung on over time, never fewer).
        var promotedBefore = new TrialState(Id.A, JobStatus.Running, [3.0], LatestPromoted: true);
        var decision = Decide(Id.A, promotedBefore, At(Id.B, JobStatus.Stopped, 1.0), At(Id.C, JobStatus.Stopped, 5.0));

        Assert.Equal(TrialVerdict.Continue, decision.Deciding);
        Assert.Equal([Id.B], decision.Requeued);
    }

    [Fact]
    public void TheSweepEnds_WhenNothingTrainsAndNothingCanGoOn()
    {
        var finished = new TrialState(Id.A, JobStatus.Succeeded, [1.0, 0.5], LatestPromoted: false);
        var decision = PromotionStep.Decide(Ladder, 3, [With(finished, promoted: true), At(Id.B, JobStatus.Stopped, 5.0),
            At(Id.C, JobStatus.Stopped, 3.0)], deciding: null);

        Assert.Null(decision.Deciding);
        Assert.Empty(decision.Requeued);
        Assert.True(decision.SweepFinished);
    }

    [Fact]
    public void ASettle_QueuesAStoppedTrialThatTheLastResultPromotes()
    {
        // The third trial failed without asking anyone: the settle after it promotes the best of the other two.
        var decision = PromotionStep.Decide(Ladder, 3,
            [At(Id.A, JobStatus.Stopped, 2.0), At(Id.B, JobStatus.Stopped, 1.0), Fresh(Id.C, JobStatus.Failed)], deciding: null);

        Assert.Equal([Id.B], decision.Requeued);
        Assert.False(decision.SweepFinished);
    }

    [Fact]
    public void WithoutEarlyStopping_NothingIsPromoted_AndTheSweepEndsWithItsLastTrial()
    {
        var whole = RungLadder.WholeBudget();
        var decision = PromotionStep.Decide(whole, 2,
            [At(Id.A, JobStatus.Succeeded, 2.0), At(Id.B, JobStatus.Succeeded, 1.0), Fresh(Id.C, JobStatus.Running)], deciding: null);
        var last = PromotionStep.Decide(whole, 2,
            [At(Id.A, JobStatus.Succeeded, 2.0), At(Id.B, JobStatus.Succeeded, 1.0), At(Id.C, JobStatus.Succeeded, 3.0)], deciding: null);

        Assert.Empty(decision.Promoted);
        Assert.False(decision.SweepFinished);
        Assert.True(last.SweepFinished);
    }

    private static PromotionDecision Decide(Guid deciding, params TrialState[] trials) => PromotionStep.Decide(Ladder, 3, trials, deciding);

    private static TrialState At(Guid id, JobStatus status, double objective) => new(id, status, [objective], LatestPromoted: false);

    private static TrialState Fresh(Guid id, JobStatus status) => new(id, status, [], LatestPromoted: false);

    private static TrialState With(TrialState trial, bool promoted) => trial with { LatestPromoted = promoted };

    private static Guid Trial(int i) => new($"00000000-0000-0000-0000-{i:D12}");
}
