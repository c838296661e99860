using System.Text.Json;
using Prometheus;
using WganService.Domain.Jobs;

namespace WganService.Api.Monitoring;

/// <summary>
/// The service's own Prometheus series, created on the host's registry (see MetricsSetup for why
/// each host has one). Job-derived values are set by <see cref="ScrapeRefresher"/> at scrape time.
/// </summary>
public sealed class ServiceMetrics
{
    /// <summary>From 1 ms (a cached generator, a few rows) to 10 s (a cold load and thousands of rows).</summary>
    public static readonly double[] GenerateBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Gauge _jobs;
    private readonly Gauge _queueLength;
    private readonly Gauge _generatorStepsPerSecond;

    public ServiceMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _jobs = factory.CreateGauge("wgan_jobs", "Training jobs in the database, by status.", ["status"]);
        // Suppressed until the first successful read: a 0 before it would claim an empty queue.
        _queueLength = factory.CreateGauge("wgan_training_queue_length",
            "Jobs waiting in Hangfire's training queue (enqueued, not yet fetched by a worker).",
            new GaugeConfiguration { SuppressInitialValue = true });
        _generatorStepsPerSecond = factory.CreateGauge("wgan_training_generator_steps_per_second",
            "Generator iterations per second of each running job, as of its latest metric row.", ["job_id"]);
        GenerateDuration = factory.CreateHistogram("wgan_generate_duration_seconds",
            "Time POST /generate spends handling a request (loading, sampling, encoding), by format and status code.",
            ["format", "status"], new HistogramConfiguration { Buckets = GenerateBuckets });
    }

    public Histogram GenerateDuration { get; }

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
