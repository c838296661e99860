using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WganService.Api.Deployment;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Training;

namespace WganService.Api.Hosting;

/// <summary>
/// Embedded mode keeps Hangfire's queue in memory, so jobs that were queued or running when the
/// process stopped are queued again at start-up, to resume from their last checkpoint. A job still
/// running was abandoned (a clean shutdown hands jobs back as queued), and counts as such: one that
/// crashes the process every time fails after a few tries instead of crashing it forever.
/// </summary>
internal sealed partial class QueuedJobRecovery(
    IServiceScopeFactory scopes, ServiceMode mode, TimeProvider clock, IOptions<TrainingOptions> training,
    ILogger<QueuedJobRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!mode.IsEmbedded) return; // PostgreSQL-backed Hangfire keeps its own queue.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
        var enqueuer = scope.ServiceProvider.GetRequiredService<JobEnqueuer>();
        var orphans = await db.Jobs.Where(j => j.Status == JobStatus.Queued || j.Status == JobStatus.Running)
            .OrderBy(j => j.CreatedAt).ToListAsync(cancellationToken);
        foreach (var job in orphans)
        {
            if (job.Status == JobStatus.Running && !job.Abandon(training.Value.MaxAbandonedAttempts, clock.GetUtcNow())) continue;
            enqueuer.Enqueue(job);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (orphans.Count > 0) LogRequeued(orphans.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} job(s) left unfinished by the previous run")]
    private partial void LogRequeued(int count);
}
