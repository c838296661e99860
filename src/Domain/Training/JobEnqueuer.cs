using Hangfire;
using Hangfire.States;
using WganService.Domain.Jobs;

namespace WganService.Domain.Training;

/// <summary>Hands a job's id to Hangfire on its queue and remembers Hangfire's id for it.</summary>
public sealed class JobEnqueuer(IBackgroundJobClient hangfire)
{
    public void Enqueue(Job job) => job.BackgroundJobId = Enqueue(job.Id, QueueFor(job.SweepId, job.GeneratorStep));

    /// <returns>Hangfire's id for the new background job.</returns>
    public string Enqueue(Guid jobId, string queue = HangfireStorage.TrainingQueue) =>
        hangfire.Create<TrainingJobRunner>(runner => runner.RunAsync(jobId, CancellationToken.None), new EnqueuedState(queue));

    /// <summary>
    /// A sweep's trial that has trained already (promoted at a rung, or resuming) goes before trials not yet
    /// started (<see cref="HangfireStorage.PromotedQueue"/>): halving pays off only if the promising trials
    /// finish first. Every other job keeps the training queue's order.
    /// </summary>
    public static string QueueFor(Guid? sweepId, int generatorStep) =>
        sweepId is not null && generatorStep > 0 ? HangfireStorage.PromotedQueue : HangfireStorage.TrainingQueue;

    public void Forget(Job job)
    {
        if (job.BackgroundJobId is not null) Forget(job.BackgroundJobId);
    }

    public void Forget(string backgroundJobId) => hangfire.Delete(backgroundJobId);
}
