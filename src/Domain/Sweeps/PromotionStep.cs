using WganService.Domain.Jobs;

namespace WganService.Domain.Sweeps;

/// <summary>What a trial looks like to a decision: its job's status and its rung results, lowest rung first.</summary>
/// <param name="Objectives">The objective at each rung it completed (null: no finite score, ranked last).</param>
/// <param name="LatestPromoted">Whether halving already sent it on from its latest rung (promotions are never taken back).</param>
public sealed record TrialState(Guid JobId, JobStatus Status, IReadOnlyList<double?> Objectives, bool LatestPromoted);

public enum TrialVerdict
{
    /// <summary>Promoted (now or before): it trains on to its next rung.</summary>
    Continue,

    /// <summary>Not promoted: it checkpoints and ends stopped, and may be promoted later as more results arrive.</summary>
    Stop,
}

/// <param name="Promoted">Trials whose latest rung result is now marked promoted (the deciding one included if it goes on).</param>
/// <param name="Requeued">Stopped trials that go back to the queue, to resume from their checkpoints.</param>
/// <param name="Deciding">The verdict on the trial that asked, if one did.</param>
/// <param name="SweepFinished">No trial is queued or training, none goes on, and none can be promoted any more.</param>
public sealed record PromotionDecision(
    IReadOnlyList<Guid> Promoted, IReadOnlyList<Guid> Requeued, TrialVerdict? Deciding, bool SweepFinished);

/// <summary>
/// One decision of a running sweep, taken whenever a trial completes a rung (that trial asks) and whenever a
/// trial ends or a process checks on the sweep (nobody asks): which trials successive halving sends on, and
/// whether the sweep is over. Pure, so the rules read and test alone; the worker applies the result under the
/// sweep's concurrency token. A trial that failed or was cancelled before its next rung completes that rung
/// with NaN, ranked last: it cannot go on, but the trials that beat it may.
/// </summary>
public static class PromotionStep
{
    public static PromotionDecision Decide(RungLadder ladder, int eta, IReadOnlyList<TrialState> trials, Guid? deciding)
    {
        var standings = trials.Select(t => Standing(t, ladder, t.JobId == deciding)).ToList();
        var byId = trials.ToDictionary(t => t.JobId);
        var promoted = new List<Guid>();
        var requeued = new List<Guid>();
        foreach (var id in SuccessiveHalving.Promotions(standings, ladder, eta))
        {
            var trial = byId[id];
            if (id == deciding) promoted.Add(id);
            else if (trial.Status == JobStatus.Stopped)
            {
                promoted.Add(id);
                requeued.Add(id);
            }
            // A failed or cancelled trial cannot go on; its NaN ranked it last, so it is listed only among NaNs.
        }

        TrialVerdict? verdict = deciding is { } d
            ? byId[d].LatestPromoted || promoted.Contains(d) ? TrialVerdict.Continue : TrialVerdict.Stop
            : null;
        var othersActive = trials.Any(t => t.JobId != deciding && t.Status is JobStatus.Queued or JobStatus.Running);
        var finished = !othersActive && requeued.Count == 0 && verdict != TrialVerdict.Continue;
        return new PromotionDecision(promoted, requeued, verdict, finished);
    }

    private static TrialStanding Standing(TrialState trial, RungLadder ladder, bool isDeciding)
    {
        var objectives = trial.Objectives.Select(o => o ?? double.NaN).ToList();
        if (trial.Status is JobStatus.Failed or JobStatus.Cancelled && objectives.Count <= ladder.Top) objectives.Add(double.NaN);
        // The trial asking has completed its rung and waits for this very decision, unless it was already sent on.
        var active = isDeciding ? trial.LatestPromoted : trial.Status is JobStatus.Queued or JobStatus.Running;
        return new TrialStanding(trial.JobId, objectives, active);
    }
}
