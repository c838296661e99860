using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WganService.Domain.Persistence;
using WganService.Domain.Sweeps;

namespace WganService.Domain.Training;

/// <summary>
/// Settles every sweep still going, once per lease sweep: promotions and ends that no trial's own decision
/// made, because the trial ended another way (failed by AbandonedJobSweeper, cancelled alone) or its worker
/// died between saving a result and deciding on it. Runs in every process that sweeps for abandoned jobs;
/// the sweep's concurrency token lets one of several settling at once save.
/// </summary>
public sealed partial class SweepSettler(
    IServiceScopeFactory scopes, SweepDecisions decisions, TimeProvider clock, IOptions<TrainingOptions> options,
    ILogger<SweepSettler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        SweepLoop.RunAsync(SettleAllAsync, options.Value.LeaseSweepInterval, clock, LogDatabaseUnavailable, stoppingToken);

    public async Task SettleAllAsync(CancellationToken cancellationToken)
    {
        List<Guid> going;
        await using (var scope = scopes.CreateAsyncScope())
        {
            going = await scope.ServiceProvider.GetRequiredService<WganDbContext>().Sweeps.AsNoTracking()
                .Where(s => s.Status == SweepStatus.Queued || s.Status == SweepStatus.Running).Select(s => s.Id)
                .ToListAsync(cancellationToken);
        }
        foreach (var sweepId in going) await decisions.SettleAsync(sweepId, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sweep settling skipped: the database is unreachable")]
    private partial void LogDatabaseUnavailable(Exception exception);
}
