using Microsoft.EntityFrameworkCore;

namespace WganService.Domain.Persistence.Changes;

/// <summary>
/// Embedded mode: the trainer runs inside the Api, so a change is passed to listeners in the same
/// process directly (SQLite has no NOTIFY).
/// </summary>
public sealed class InProcessJobChanges : IJobChangeNotifier
{
    /// <summary>Raised after a save that touched these jobs; handlers must be quick and must not throw.</summary>
    public event Action<IReadOnlyCollection<Guid>>? Changed;

    public ValueTask NotifyAsync(DbContext context, IReadOnlyCollection<Guid> jobIds, CancellationToken cancellationToken)
    {
        Changed?.Invoke(jobIds);
        return ValueTask.CompletedTask;
    }
}
