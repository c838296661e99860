using WganService.Gan;
using WganService.Gan.Datasets;

namespace WganService.Domain.Jobs;

/// <summary>
/// A training job: the one source of truth about it (Hangfire only carries its id). Status changes
/// go through the methods below, which refuse transitions that make no sense.
/// </summary>
public sealed class Job
{
    private Job() { } // EF Core

    public Job(
        ResolvedJob spec, DateTimeOffset now, string? idempotencyKey = null, string? requestHash = null,
        string tenant = Tenants.TenantScope.DefaultTenant, Guid? sweepId = null, int? trialIndex = null)
    {
        Tenant = tenant;
        (SweepId, TrialIndex) = (sweepId, trialIndex);
        now = StoredTime.ToStoredPrecision(now);
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

    /// <summary>The sweep this job is a trial of (null for a job submitted alone), and its trial number there (1, 2, …).</summary>
    public Guid? SweepId { get; private set; }

    public int? TrialIndex { get; private set; }

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

    public DatasetInfo DataInfo => new(Dataset,
        Architecture == NetworkArchitecture.Mlp ? DatasetKind.Vectors : DatasetKind.Images, SampleShape,
        BuiltIn: ToyDataset.Find(Dataset) is not null);
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

    /// <summary>The same against the Fréchet distance in the dataset classifier's features, on labelled image sets.</summary>
    public double? WassersteinFdSpearman { get; private set; }

    /// <summary>
    /// The same two with the W reading taken as the mean of the last 200 training steps' estimates before each
    /// evaluation (<see cref="WassersteinCorrelations"/>): steadier than the held-out reading of one critic at one moment.
    /// </summary>
    public double? TrainingWassersteinSwdSpearman { get; private set; }

    public double? TrainingWassersteinFdSpearman { get; private set; }

    /// <summary>
    /// What ended the job, once it succeeded: its last generator step, or its <c>maxTrainingMinutes</c>
    /// budget (then <see cref="GeneratorStep"/> is the step it reached, short of <c>generatorSteps</c>).
    /// </summary>
    public TrainingStop? StoppedBy { get; private set; }

    /// <summary>
    /// Who trains the job now: one run of one worker, which renews the lease at every flush. Saves of a
    /// job row check it (a concurrency token), so a worker that lost the job can write nothing more.
    /// </summary>
    public string? LeaseOwner { get; private set; }

    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    /// <summary>How often a worker stopped without finishing the job or handing it back (killed, crashed).</summary>
    public int AbandonedAttempts { get; private set; }

    /// <summary>True while a worker holds a lease that has not run out.</summary>
    public bool IsLeased(DateTimeOffset now) => LeaseOwner is not null && LeaseExpiresAt > now;

    /// <summary>
    /// A worker's run takes the job from the queue. A job a dead worker left running goes through
    /// <see cref="Abandon"/> first, so that every such loss is counted.
    /// </summary>
    public void Start(string device, string leaseOwner, DateTimeOffset now, TimeSpan leaseDuration)
    {
        EnsureStatus(nameof(Start), JobStatus.Queued);
        Status = JobStatus.Running;
        Device = device;
        StartedAt ??= now;
        LeaseOwner = leaseOwner;
        LeaseExpiresAt = now + leaseDuration;
    }

    /// <summary>Progress, written with each flush, which also renews the lease.</summary>
    public void ReportProgress(int generatorStep, DateTimeOffset now, TimeSpan leaseDuration)
    {
        GeneratorStep = generatorStep;
        if (Status == JobStatus.Running) LeaseExpiresAt = now + leaseDuration;
    }

    /// <summary>Handed back on shutdown: queued again, to resume from its last checkpoint on the next worker.</summary>
    public void Requeue()
    {
        EnsureStatus(nameof(Requeue), JobStatus.Queued, JobStatus.Running);
        Status = JobStatus.Queued;
        (LeaseOwner, LeaseExpiresAt) = (null, null);
    }

    /// <summary>
    /// Its worker stopped without a hand-back (killed, crashed, or cut off from the database past its
    /// lease): queued again to resume from its last checkpoint, unless that has happened
    /// <paramref name="maxAbandonedAttempts"/> times. A job that kills every worker it lands on must
    /// not take the fleet down in turn.
    /// </summary>
    /// <returns>True when queued again, false when failed.</returns>
    public bool Abandon(int maxAbandonedAttempts, DateTimeOffset now)
    {
        EnsureStatus(nameof(Abandon), JobStatus.Running);
        var lastOwner = LeaseOwner;
        AbandonedAttempts++;
        (LeaseOwner, LeaseExpiresAt) = (null, null);
        if (AbandonedAttempts < maxAbandonedAttempts)
        {
            Status = JobStatus.Queued;
            return true;
        }
        Fail($"Not retried: {AbandonedAttempts} times the worker training this job stopped without finishing or handing it back " +
             "(killed, or crashed, for example by a native abort), " +
             $"the last time at generator step {GeneratorStep} on {lastOwner ?? "an unknown worker"}. " +
             "See that worker's log.", now);
        return false;
    }

    public void Succeed(WassersteinCorrelations? correlations, DateTimeOffset now, TrainingStop stoppedBy = TrainingStop.Steps)
    {
        EnsureStatus(nameof(Succeed), JobStatus.Running);
        (WassersteinSwdSpearman, WassersteinFdSpearman, TrainingWassersteinSwdSpearman, TrainingWassersteinFdSpearman) =
            (correlations?.HeldOutSwd, correlations?.HeldOutFd, correlations?.TrainingSwd, correlations?.TrainingFd);
        StoppedBy = stoppedBy;
        Status = JobStatus.Succeeded;
        FinishedAt = now;
        (LeaseOwner, LeaseExpiresAt) = (null, null);
    }

    public void Fail(string error, DateTimeOffset now)
    {
        EnsureStatus(nameof(Fail), JobStatus.Queued, JobStatus.Running);
        Status = JobStatus.Failed;
        Error = error;
        FinishedAt = now;
        (LeaseOwner, LeaseExpiresAt) = (null, null);
    }

    /// <summary>
    /// A sweep's trial ends at a rung without a promotion: nothing trains it now, and its checkpoint and best
    /// generator stay, so that <see cref="Promote"/> can send it on from there.
    /// </summary>
    public void StopAtRung(DateTimeOffset now)
    {
        EnsureStatus(nameof(StopAtRung), JobStatus.Running);
        if (SweepId is null) throw new InvalidJobTransitionException(Id, Status, nameof(StopAtRung) + " (it is no sweep's trial)");
        Status = JobStatus.Stopped;
        FinishedAt = now;
        (LeaseOwner, LeaseExpiresAt) = (null, null);
    }

    /// <summary>A stopped trial was promoted to the next rung: queued again, to resume from its checkpoint.</summary>
    public void Promote()
    {
        EnsureStatus(nameof(Promote), JobStatus.Stopped);
        Status = JobStatus.Queued;
        FinishedAt = null;
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
        (LeaseOwner, LeaseExpiresAt) = (null, null);
    }

    private void EnsureStatus(string transition, params JobStatus[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new InvalidJobTransitionException(Id, Status, transition);
    }
}
