using Microsoft.EntityFrameworkCore;

namespace WganService.Domain.Persistence.Changes;

/// <summary>
/// Tells whoever streams job events that a job's rows changed (status, progress, metrics,
/// evaluations). It carries only ids: listeners read what changed from the database, so a lost or
/// repeated signal costs a read, never an event.
/// </summary>
public interface IJobChangeNotifier
{
    /// <param name="context">The context that just saved, for notifiers that signal through its connection.</param>
    ValueTask NotifyAsync(DbContext context, IReadOnlyCollection<Guid> jobIds, CancellationToken cancellationToken);
}
