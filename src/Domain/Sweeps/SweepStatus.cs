namespace WganService.Domain.Sweeps;

// Stored as strings (StoredEnumNamesTests pins them): renaming a member is a migration. A sweep has no
// "stopped": that is a trial's state; a sweep whose trials all ended, stopped or not, has succeeded.
public enum SweepStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

public static class SweepStatusExtensions
{
    public static bool IsFinished(this SweepStatus status) =>
        status is SweepStatus.Succeeded or SweepStatus.Failed or SweepStatus.Cancelled;
}
