namespace WganService.Domain.Training;

/// <summary>Bound from the "Training" configuration section.</summary>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>
    /// Intra-op threads for TorchSharp (process-wide). Null: all cores on a dedicated worker, one fewer
    /// than the cores when training shares the process with the Api, so requests stay fast.
    /// </summary>
    public int? Threads { get; set; }

    /// <summary>
    /// How often a running job writes its metric rows and progress and checks for cancellation. Half a
    /// second keeps live events within a second of the measurement (bench/events) for two small
    /// commits a second per job.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often a running job flushes when it has no new row to write, only its progress: the step
    /// count shown by GET /jobs/{id}, and the cancellation check that follows each flush (so a cancel
    /// takes at most about this long). Every flush costs the trainer a commit and the database's work
    /// behind it (bench/train/service_overhead.sh), so one with nothing to show waits longer.
    /// </summary>
    public TimeSpan IdleFlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a job stays with its worker without a successful flush. Every flush renews it; once it
    /// runs out, the worker is taken for dead and the job resumes elsewhere from its last checkpoint.
    /// Longer rides out longer database outages; shorter notices a killed worker sooner.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a process looks for jobs whose lease ran out, and for queued jobs nothing will run.</summary>
    public TimeSpan LeaseSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How old a queued job with no Hangfire job recorded must be before the sweeper enqueues it again.
    /// POST /jobs records the id a moment after inserting the job; this only has to outlast a slow request.
    /// </summary>
    public TimeSpan StrandedAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many workers stopped without finishing or handing a job back, it fails instead of resuming.</summary>
    public int MaxAbandonedAttempts { get; set; } = 3;

    public int ResolveThreads(bool sharedWithApi) =>
        Threads ?? (sharedWithApi ? Math.Max(1, Environment.ProcessorCount - 1) : Environment.ProcessorCount);
}
