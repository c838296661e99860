using System.Text.Json;
using Prometheus;
using WganService.Domain.Jobs;

namespace WganService.Api.Monitoring;

/// <summary>
/// The job-derived gauges, created on the host's registry (see MetricsSetup for why each host has one)
/// and set by <see cref="ScrapeRefresher"/> at scrape time. They stay prometheus-net gauges rather than
/// .NET observable gauges (<see cref="WganMeter"/> holds the instruments recorded as things happen):
/// their values come from asynchronous database reads, and a series must vanish the moment it cannot
/// be read or its job stops, where MeterAdapter would keep a silent series for minutes.
/// </summary>
public sealed class ServiceMetrics
{
    private readonly Gauge _jobs;
    private readonly Gauge _queueLength;
    private readonly Gauge _generatorStepsPerSecond;

    public ServiceMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _jobs = factory.CreateGauge("wgan_jobs", "Training jobs in the database, by status.", ["status"]);
        // Suppressed until the first successful read: a 0 before it would claim an empty queue.
        _queueLength = factory.CreateGauge("wgan_training_queue_length",
            "Jobs waiting in Hangfire's training queues (enqueued, not yet fetched by a worker).",
            new GaugeConfiguration { SuppressInitialValue = true });
        _generatorStepsPerSecond = factory.CreateGauge("wgan_training_generator_steps_per_second",
            "Generator iterations per second of each running job, as of its latest metric row.", ["job_id"]);
    }

    /// <summary>Every status gets a series, zero when no job has it, so a sum over statuses is always the job count.</summary>
    public void SetJobCounts(IReadOnlyDictionary<JobStatus, int> counts)
    {
        foreach (var status in Enum.GetValues<JobStatus>())
            _jobs.WithLabels(StatusLabel(status)).Set(counts.GetValueOrDefault(status));
    }

    public void ClearJobCounts()
    {
        foreach (var labels in _jobs.GetAllLabelValues().ToList()) _jobs.RemoveLabelled(labels);
    }

    public void SetQueueLength(long length) => _queueLength.Set(length);

    public void ClearQueueLength() => _queueLength.Unpublish();

    /// <summary>Sets the running jobs' speeds and drops the series of jobs that are no longer running.</summary>
    public void SetGeneratorStepsPerSecond(IReadOnlyDictionary<Guid, double> running)
    {
        var current = running.Keys.Select(id => id.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var labels in _generatorStepsPerSecond.GetAllLabelValues().ToList())
            if (!current.Contains(labels[0])) _generatorStepsPerSecond.RemoveLabelled(labels);
        foreach (var (id, stepsPerSecond) in running) _generatorStepsPerSecond.WithLabels(id.ToString()).Set(stepsPerSecond);
    }

    public void ClearGeneratorStepsPerSecond() => SetGeneratorStepsPerSecond(new Dictionary<Guid, double>());

    /// <summary>The same spelling as the API's JSON ("queued", "running", …).</summary>
    public static string StatusLabel(JobStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());
}
