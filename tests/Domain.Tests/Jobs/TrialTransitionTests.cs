using WganService.Domain.Jobs;
using WganService.Gan;
using WganService.Gan.Datasets;

namespace WganService.Domain.Tests.Jobs;

/// <summary>A sweep's trial: stopped at a rung (finished, but not for good), queued again when promoted.</summary>
public sealed class TrialTransitionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    private static Job NewJob(Guid? sweepId) => new(
        JobSpecResolver.Resolve(new JobSpec { Dataset = "8gaussians", Variant = GanVariant.WganGp }, ToyDataset.EightGaussians.Info).Job!,
        Now, sweepId: sweepId, trialIndex: sweepId is null ? null : 1);

    [Fact]
    public void ARunningTrial_StopsAtARung_AndAPromotionQueuesItAgain()
    {
        var trial = NewJob(Guid.NewGuid());
        trial.Start("cpu", "worker-1", Now, TimeSpan.FromSeconds(20));

        trial.StopAtRung(Now.AddMinutes(1));

        Assert.Equal((JobStatus.Stopped, Now.AddMinutes(1), null), (trial.Status, trial.FinishedAt, trial.LeaseOwner));
        Assert.True(trial.Status.IsFinished());
        Assert.False(trial.Status.IsFinal());
        trial.Promote();
        Assert.Equal((JobStatus.Queued, (DateTimeOffset?)null), (trial.Status, trial.FinishedAt));
        trial.Start("cpu", "worker-2", Now.AddMinutes(2), TimeSpan.FromSeconds(20));
        Assert.Equal(JobStatus.Running, trial.Status);
    }

    [Fact]
    public void AJobAlone_CannotStop_AndAStoppedTrialIsNeitherCancelledNorStartedWithoutAPromotion()
    {
        var alone = NewJob(sweepId: null);
        alone.Start("cpu", "worker-1", Now, TimeSpan.FromSeconds(20));
        Assert.Throws<InvalidJobTransitionException>(() => alone.StopAtRung(Now));

        var trial = NewJob(Guid.NewGuid());
        trial.Start("cpu", "worker-1", Now, TimeSpan.FromSeconds(20));
        trial.StopAtRung(Now);
        Assert.Throws<InvalidJobTransitionException>(() => trial.RequestCancel(Now));
        Assert.Throws<InvalidJobTransitionException>(() => trial.Start("cpu", "worker-2", Now, TimeSpan.FromSeconds(20)));
        Assert.Throws<InvalidJobTransitionException>(() => NewJob(Guid.NewGuid()).Promote());
    }
}
