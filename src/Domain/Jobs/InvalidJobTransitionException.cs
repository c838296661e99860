namespace WganService.Domain.Jobs;

public sealed class InvalidJobTransitionException(Guid jobId, JobStatus status, string transition)
    : InvalidOperationException($"Job {jobId} is {status.ToString().ToLowerInvariant()}; it cannot {transition}.")
{
    public JobStatus Status { get; } = status;
}
