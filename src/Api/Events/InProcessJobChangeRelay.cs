using WganService.Domain.Persistence.Changes;

namespace WganService.Api.Events;

/// <summary>Embedded mode: the trainer saves in this process, so its change signals go straight to the hub.</summary>
internal sealed class InProcessJobChangeRelay(InProcessJobChanges changes, JobEventHub hub) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        changes.Changed += hub.OnJobsChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        changes.Changed -= hub.OnJobsChanged;
        return Task.CompletedTask;
    }
}
