namespace WganService.Domain.Jobs;

// Stored as strings (StoredEnumNamesTests pins them): renaming a member is a migration.
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,

    /// <summary>
    /// A sweep's trial that ended at a rung (successive halving did not promote it): its checkpoint and best
    /// generator are kept, and it goes back to <see cref="Queued"/> if it is promoted later.
    /// </summary>
    Stopped,
}

public static class JobStatusExtensions
{
    /// <summary>Nothing trains the job now, nor will unless something acts on it (a stopped trial may be promoted).</summary>
    public static bool IsFinished(this JobStatus status) =>
        status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled or JobStatus.Stopped;

    /// <summary>Finished for good: the job's rows and generators never change again (a stopped trial's still may).</summary>
    public static bool IsFinal(this JobStatus status) => status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
}
