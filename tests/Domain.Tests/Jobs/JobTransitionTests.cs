using WganService.Domain.Datasets;
using WganService.Domain.Jobs;
using WganService.Gan;
using WganService.Gan.Datasets;

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
        job.Start("cpu", "worker-1", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(20));

        job.RequestCancel(DateTimeOffset.UnixEpoch);

        Assert.Equal((JobStatus.Running, true), (job.Status, job.CancelRequested));
    }

    [Fact]
    public void FinishedJob_RefusesFurtherTransitions()
    {
        var job = NewJob();
        job.Start("cpu", "worker-1", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(20));
        job.Succeed(null, DateTimeOffset.UnixEpoch);

        Assert.Throws<InvalidJobTransitionException>(() => job.RequestCancel(DateTimeOffset.UnixEpoch));
        Assert.Throws<InvalidJobTransitionException>(() => job.Fail("late", DateTimeOffset.UnixEpoch));
        Assert.Throws<InvalidJobTransitionException>(() =>
            job.Start("cpu", "worker-2", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(20)));
    }
}

public class JobLeaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    private static Job NewJob() => new(
        JobSpecResolver.Resolve(
            new JobSpec { Dataset = "8gaussians", Variant = GanVariant.WganGp }, ToyDataset.EightGaussians.Info).Job!,
        Now);

    [Fact]
    public void Start_TakesALease_ThatProgressRenews_AndThatRunsOut()
    {
        var job = NewJob();
        job.Start("cpu", "worker-1", Now, Lease);
        Assert.True(job.IsLeased(Now + Lease - TimeSpan.FromTicks(1)));
        Assert.False(job.IsLeased(Now + Lease));

        job.ReportProgress(10, Now + TimeSpan.FromSeconds(15), Lease);

        Assert.True(job.IsLeased(Now + TimeSpan.FromSeconds(34)));
        Assert.Equal("worker-1", job.LeaseOwner);
    }

    [Fact]
    public void AbandonedJob_IsQueuedAgain_UntilTheLimit_ThenFailsNamingWhy()
    {
        var job = NewJob();
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            job.Start("cpu", $"worker-{attempt}", Now, Lease);
            Assert.True(job.Abandon(maxAbandonedAttempts: 3, Now));
            Assert.Equal((JobStatus.Queued, attempt, (string?)null), (job.Status, job.AbandonedAttempts, job.LeaseOwner));
        }
        job.Start("cpu", "worker-3", Now, Lease);
        job.ReportProgress(42, Now, Lease);

        Assert.False(job.Abandon(maxAbandonedAttempts: 3, Now));

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Contains("3 times", job.Error, StringComparison.Ordinal);
        Assert.Contains("step 42 on worker-3", job.Error, StringComparison.Ordinal);
        Assert.Null(job.LeaseOwner);
    }

    [Fact]
    public void HandedBackJob_IsQueued_WithoutCountingAsAbandoned()
    {
        var job = NewJob();
        job.Start("cpu", "worker-1", Now, Lease);

        job.Requeue();

        Assert.Equal((JobStatus.Queued, 0, false), (job.Status, job.AbandonedAttempts, job.IsLeased(Now)));
    }

    [Fact]
    public void OnlyAQueuedJob_CanBeStarted()
    {
        var job = NewJob();
        job.Start("cpu", "worker-1", Now, Lease);

        Assert.Throws<InvalidJobTransitionException>(() => job.Start("cpu", "worker-2", Now, Lease));
    }
}
