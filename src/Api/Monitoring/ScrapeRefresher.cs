using Hangfire;
using Microsoft.EntityFrameworkCore;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Training;
using WganService.Gan;

namespace WganService.Api.Monitoring;

/// <summary>
/// Reads the job-derived series when Prometheus scrapes, so they are as fresh as the scrape and cost
/// nothing between scrapes: one GROUP BY for the status counts, one query for the running jobs'
/// latest metric rows, one Hangfire count. In server mode every Api host reports the same
/// database-wide numbers (aggregate them with max, not sum).
/// </summary>
internal sealed partial class ScrapeRefresher(ServiceMetrics metrics, IServiceScopeFactory scopes, JobStorage hangfire,
    ILogger<ScrapeRefresher> logger)
    : IDisposable
{
    // Concurrent scrapes would otherwise interleave removing and setting the running jobs' series.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
            await RefreshPartAsync("wgan_jobs", async () => metrics.SetJobCounts(await CountJobsAsync(db, cancellationToken)),
                metrics.ClearJobCounts, cancellationToken);
            await RefreshPartAsync("wgan_training_generator_steps_per_second",
                async () => metrics.SetGeneratorStepsPerSecond(await RunningSpeedsAsync(db, cancellationToken)),
                metrics.ClearGeneratorStepsPerSecond, cancellationToken);
            await RefreshPartAsync("wgan_training_queue_length",
                () =>
                {
                    // Both queues workers listen to: promoted sweep trials wait in their own (HangfireStorage.PromotedQueue).
                    var monitoring = hangfire.GetMonitoringApi();
                    metrics.SetQueueLength(monitoring.EnqueuedCount(HangfireStorage.TrainingQueue)
                        + monitoring.EnqueuedCount(HangfireStorage.PromotedQueue));
                    return Task.CompletedTask;
                },
                metrics.ClearQueueLength, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<Dictionary<JobStatus, int>> CountJobsAsync(WganDbContext db, CancellationToken cancellationToken) =>
        await db.Jobs.GroupBy(j => j.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);

    /// <summary>
    /// A metric row's samples per second counts real samples the critic consumed: batch size × n_critic
    /// per generator iteration (MetricWindow), so dividing by both gives generator iterations per second.
    /// </summary>
    private static async Task<Dictionary<Guid, double>> RunningSpeedsAsync(WganDbContext db, CancellationToken cancellationToken)
    {
        var rows = await (
            from job in db.Jobs
            where job.Status == JobStatus.Running
            join metric in db.Metrics on job.Id equals metric.JobId
            where metric.GeneratorStep == db.Metrics.Where(m => m.JobId == job.Id).Max(m => m.GeneratorStep)
            select new { job.Id, job.Hyperparameters.BatchSize, job.Hyperparameters.CriticSteps, metric.SamplesPerSecond })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => r.SamplesPerSecond / ((double)r.BatchSize * r.CriticSteps));
    }

    /// <summary>
    /// prometheus-net 8.2.1 swallows a callback's exceptions and would serve the previous values as if
    /// current; a part that cannot be read is removed from the scrape instead (absent, not stale), and
    /// the rest of it, HTTP metrics included, is still served.
    /// </summary>
    private async Task RefreshPartAsync(string series, Func<Task> refresh, Action clear, CancellationToken cancellationToken)
    {
        try
        {
            await refresh();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            clear();
            LogRefreshFailed(e, series);
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read {Series} for a metrics scrape; it is left out of this one")]
    private partial void LogRefreshFailed(Exception exception, string series);
}
