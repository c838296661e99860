using Hangfire;
using Hangfire.States;
using WganService.Domain.Jobs;

namespace WganService.Domain.Training;

/// <summary>Hands a job's id to Hangfire on the training queue and remembers Hangfire's id for it.</summary>
public sealed class JobEnqueuer(IBackgroundJobClient hangfire)
{
    public void Enqueue(Job job) =>
        job.BackgroundJobId = hangfire.Create<TrainingJobRunner>(
            runner => runner.RunAsync(job.Id, CancellationToken.None), new EnqueuedState(HangfireStorage.TrainingQueue));

    public void Forget(Job job)
    {
        if (job.BackgroundJobId is not null) hangfire.Delete(job.BackgroundJobId);
    }
}
