using WganService.Domain.Datasets;
using WganService.Domain.Jobs;

namespace WganService.Domain.Tests.Jobs;

public class JobTransitionTests
{
    private static Job NewJob() => new(
        JobSpecResolver.Resolve(new JobSpec { Dataset = "8gaussians", Variant = GanVariant.WganGp }, ToyDataset.EightGaussians.Info).Job!,
        DateTimeOffset.UnixEpoch);

    [Fact]
    public void QueuedJob_IsCancelledAtOnce()
    {
        var job = NewJob();

        job.RequestCancel(DateTimeOffset.UnixEpoch);

        Assert.Equal(JobStatus.Cancelled, job.Status);
    }

    [Fact]
    public void RunningJob_IsOnlyFlaggedForCancellation()
    {
        var job = NewJob();
        job.Start("cpu", DateTimeOffset.UnixEpoch);

        job.RequestCancel(DateTimeOffset.UnixEpoch);

        Assert.Equal((JobStatus.Running, true), (job.Status, job.CancelRequested));
    }

    [Fact]
    public void FinishedJob_RefusesFurtherTransitions()
    {
        var job = NewJob();
        job.Start("cpu", DateTimeOffset.UnixEpoch);
        job.Succeed(null, DateTimeOffset.UnixEpoch);

        Assert.Throws<InvalidJobTransitionException>(() => job.RequestCancel(DateTimeOffset.UnixEpoch));
        Assert.Throws<InvalidJobTransitionException>(() => job.Fail("late", DateTimeOffset.UnixEpoch));
        Assert.Throws<InvalidJobTransitionException>(() => job.Start("cpu", DateTimeOffset.UnixEpoch));
    }
}
