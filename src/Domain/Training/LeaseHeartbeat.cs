using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;

namespace WganService.Domain.Training;

/// <summary>
/// Renews a running job's lease on its own database connection every quarter lease, whatever the
/// training loop is doing: a long evaluation, a slow step or a large dataset load must not make a
/// live worker look dead. It stops renewing the moment the lease is no longer this run's.
/// </summary>
internal sealed partial class LeaseHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LeaseHeartbeat(
        IServiceScopeFactory scopes, TimeProvider clock, Guid jobId, string leaseOwner, TimeSpan leaseDuration, ILogger logger) =>
        _loop = RunAsync(scopes, clock, jobId, leaseOwner, leaseDuration, logger, _stop.Token);

    private static async Task RunAsync(
        IServiceScopeFactory scopes, TimeProvider clock, Guid jobId, string leaseOwner, TimeSpan leaseDuration, ILogger logger,
        CancellationToken stop)
    {
        using var timer = new PeriodicTimer(leaseDuration / 4, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
                    var expires = clock.GetUtcNow() + leaseDuration;
                    var renewed = await db.Jobs
                        .Where(j => j.Id == jobId && j.LeaseOwner == leaseOwner && j.Status == JobStatus.Running)
                        .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseExpiresAt, expires), stop);
                    if (renewed == 0) return; // Finished, handed back, or taken over: nothing left to renew.
                }
                catch (Exception e) when (TransientDatabaseErrors.IsTransient(e) && !stop.IsCancellationRequested)
                {
                    LogRenewalFailed(logger, e, jobId); // The lease still has time; the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: could not renew its lease (database unreachable)")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, Guid jobId);
}
