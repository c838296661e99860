using Hangfire;
using Hangfire.States;
using WganService.Domain.Jobs;

namespace WganService.Domain.Training;

/// <summary>Hands a job's id to Hangfire on the training queue and remembers Hangfire's id for it.</summary>
public sealed class JobEnqueuer(IBackgroundJobClient hangfire)
{
    public void Enqueue(Job job) => job.BackgroundJobId = Enqueue(job.Id);

    /// <returns>Hangfire's id for the new background job.</returns>
    public string Enqueue(Guid jobId) =>
        hangfire.Create<TrainingJobRunner>(
            runner => runner.RunAsync(jobId, CancellationToken.None), new EnqueuedState(HangfireStorage.TrainingQueue));

    public void Forget(Job job)
    {
        if (job.BackgroundJobId is not null) Forget(job.BackgroundJobId);
    }

    public void Forget(string backgroundJobId) => hangfire.Delete(backgroundJobId);
}
