namespace WganService.Domain.Jobs;

/// <summary>
/// A training job: the one source of truth about it (Hangfire only carries its id). Status changes
/// go through the methods below, which refuse transitions that make no sense.
/// </summary>
public sealed class Job
{
    private Job() { } // EF Core

    public Job(ResolvedJob spec, DateTimeOffset now, string? idempotencyKey = null, string? requestHash = null, string tenant = Tenants.TenantScope.DefaultTenant)
    {
        Tenant = tenant;
        now = Persistence.StoredTime.ToStoredPrecision(now);
        Id = Guid.CreateVersion7(now);
        Name = spec.Name;
        Dataset = spec.Dataset;
        Variant = spec.Variant;
        Architecture = spec.Architecture;
        RequestedDevice = spec.Device;
        Hyperparameters = spec.Hyperparameters;
        SampleShape = [.. spec.SampleShape];
        CreatedAt = now;
        IdempotencyKey = idempotencyKey;
        RequestHash = requestHash;
    }

    public Guid Id { get; private set; }

    /// <summary>Who owns the job: only this tenant (and admins) can see it or act on it.</summary>
    public string Tenant { get; private set; } = "";

    public string Name { get; private set; } = "";
    public JobStatus Status { get; private set; } = JobStatus.Queued;
    public string Dataset { get; private set; } = "";
    public GanVariant Variant { get; private set; }
    public NetworkArchitecture Architecture { get; private set; }
    public DevicePreference RequestedDevice { get; private set; }

    /// <summary>The device the job trains on ("cpu", "cuda:0"), once a worker has picked it up.</summary>
    public string? Device { get; private set; }

    public Hyperparameters Hyperparameters { get; private set; } = null!;

    /// <summary>The shape of one sample of the dataset, kept so the job's generator can be rebuilt without it.</summary>
    public int[] SampleShape { get; private set; } = [];

    public Datasets.DatasetInfo DataInfo => new(Dataset,
        Architecture == NetworkArchitecture.Dcgan ? Datasets.DatasetKind.Images : Datasets.DatasetKind.Vectors, SampleShape,
        BuiltIn: Datasets.ToyDataset.Find(Dataset) is not null);
    public int GeneratorStep { get; private set; }
    public bool CancelRequested { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public string? Error { get; private set; }
    public string? IdempotencyKey { get; private set; }
    public string? RequestHash { get; private set; }
    public string? BackgroundJobId { get; set; }

    /// <summary>
    /// Spearman's correlation between the Wasserstein estimate and the held-out SWD across the job's
    /// evaluations, set when it finishes: near 1 means the loss curve can be read as a quality curve.
    /// </summary>
    public double? WassersteinSwdSpearman { get; private set; }

    /// <summary>Also from Running: a worker that died leaves its job running, and the next one restarts it.</summary>
    public void Start(string device, DateTimeOffset now)
    {
        EnsureStatus(nameof(Start), JobStatus.Queued, JobStatus.Running);
        Status = JobStatus.Running;
        Device = device;
        StartedAt ??= now;
    }

    public void ReportProgress(int generatorStep) => GeneratorStep = generatorStep;

    /// <summary>Back to the queue after its process stopped; training starts over at its last checkpoint.</summary>
    public void Requeue()
    {
        EnsureStatus(nameof(Requeue), JobStatus.Queued, JobStatus.Running);
        Status = JobStatus.Queued;
    }

    public void Succeed(double? wassersteinSwdSpearman, DateTimeOffset now)
    {
        EnsureStatus(nameof(Succeed), JobStatus.Running);
        WassersteinSwdSpearman = wassersteinSwdSpearman;
        Status = JobStatus.Succeeded;
        FinishedAt = now;
    }

    public void Fail(string error, DateTimeOffset now)
    {
        EnsureStatus(nameof(Fail), JobStatus.Queued, JobStatus.Running);
        Status = JobStatus.Failed;
        Error = error;
        FinishedAt = now;
    }

    /// <summary>A queued job is cancelled at once; a running one when its trainer next checks.</summary>
    public void RequestCancel(DateTimeOffset now)
    {
        EnsureStatus(nameof(RequestCancel), JobStatus.Queued, JobStatus.Running);
        CancelRequested = true;
        if (Status == JobStatus.Queued) MarkCancelled(now);
    }

    public void MarkCancelled(DateTimeOffset now)
    {
        EnsureStatus(nameof(MarkCancelled), JobStatus.Queued, JobStatus.Running);
        Status = JobStatus.Cancelled;
        FinishedAt = now;
    }

    private void EnsureStatus(string transition, params JobStatus[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new InvalidJobTransitionException(Id, Status, transition);
    }
}
