using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WganService.Domain.Persistence.Changes;

namespace WganService.Domain.Persistence;

/// <summary>
/// Signals every successful save that added metric rows or evaluations or changed a job or a sweep, whoever
/// saved it (trainer, cancel route, recovery), so live event streams need no polling. A sweep's id travels
/// with the job ids (both are UUIDs, and no job shares a sweep's): its stream listens for both.
/// </summary>
public sealed class JobChangeInterceptor(IJobChangeNotifier notifier) : SaveChangesInterceptor
{
    // One interceptor serves every context; the ids travel from "saving" to "saved" per context.
    private readonly ConditionalWeakTable<DbContext, Guid[]> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var ids = context.ChangeTracker.Entries().Select(ChangedJobId).OfType<Guid>().Distinct().ToArray();
            if (ids.Length > 0) _pending.AddOrUpdate(context, ids);
        }
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var ids))
        {
            _pending.Remove(context);
            await notifier.NotifyAsync(context, ids, cancellationToken);
        }
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) _pending.Remove(context);
        return Task.CompletedTask;
    }

    private static Guid? ChangedJobId(EntityEntry entry) => entry switch
    {
        { State: EntityState.Added, Entity: JobMetric m } => m.JobId,
        { State: EntityState.Added, Entity: JobEvaluation e } => e.JobId,
        { State: EntityState.Added or EntityState.Modified, Entity: Jobs.Job j } => j.Id,
        { State: EntityState.Added or EntityState.Modified, Entity: Sweeps.Sweep s } => s.Id,
        _ => null,
    };
}
