using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Gan;

namespace WganService.Api.Jobs;

/// <summary>
/// A job as every job-returning route shows it; <c>tenant</c> is its owner (callers other than admins only ever see their own).
/// <c>stoppedBy</c> says what ended a job that succeeded: <c>steps</c> (it reached <c>generatorSteps</c>) or
/// <c>time-budget</c> (<c>maxTrainingMinutes</c> ran out first; <c>progress.generatorStep</c> is the step reached).
/// </summary>
/// <param name="Id">The job's id, used by every /jobs/{id} route and by /generate.</param>
/// <param name="Tenant">The job's owner.</param>
/// <param name="Name">The name given at submission (or one made up from the dataset and variant).</param>
/// <param name="Status">queued, running, succeeded, failed or cancelled; a sweep's trial that successive halving ended at a
/// rung is stopped (its checkpoint and best generator kept; it is queued again if promoted later).</param>
/// <param name="Dataset">A built-in dataset's name or an uploaded dataset's id.</param>
/// <param name="DatasetName">What people call the dataset: a built-in's name, or the name an upload was given;
/// null once the upload has been deleted.</param>
/// <param name="Variant">The WGAN variant: wgan (weight clipping) or wgan-gp (gradient penalty).</param>
/// <param name="Architecture">The networks trained.</param>
/// <param name="Device">The device it trains on once a worker took it ("cpu", "cuda:0"); until then the one requested.</param>
/// <param name="RequestedDevice">The device asked for at submission.</param>
/// <param name="Hyperparameters">Every hyperparameter, with the defaults filled in.</param>
/// <param name="Progress">Generator steps done so far, and in all.</param>
/// <param name="LatestMetrics">The latest metric row recorded, if any.</param>
/// <param name="LatestEvaluation">The latest evaluation on held-out data, if any.</param>
/// <param name="WassersteinSwdSpearman">Set when the job finishes: Spearman's correlation between the Wasserstein
/// estimate and the held-out SWD across evaluations (near 1: the loss curve reads as a quality curve).</param>
/// <param name="StoppedBy">What ended a job that succeeded: steps or time-budget; null until then.</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="StartedAt">When a worker first started it.</param>
/// <param name="FinishedAt">When it succeeded, failed, was cancelled or stopped.</param>
/// <param name="AbandonedAttempts">How often a worker stopped without finishing the job or handing it back (killed,
/// crashed, or cut off from the database past its lease). Each time the job resumed from its last checkpoint on
/// another worker; at Training:MaxAbandonedAttempts (3 by default) it fails instead. 0 for a job no worker lost.</param>
/// <param name="Error">Why the job failed; null unless its status is failed.</param>
/// <param name="WassersteinFdSpearman">Set when a job on a labelled image dataset finishes: Spearman's correlation
/// between the Wasserstein estimate and the Fréchet distance over its evaluations (near 1 when the estimate tracks quality).</param>
/// <param name="TrainingWassersteinSwdSpearman">As wassersteinSwdSpearman, with the W reading taken as the mean of the
/// last 200 training steps' estimates before each evaluation (trainingWassersteinMean) instead of the critic's
/// held-out reading: steadier, because it averages over the critic's step-to-step changes of scale.</param>
/// <param name="TrainingWassersteinFdSpearman">As wassersteinFdSpearman, with that training reading.</param>
/// <param name="SweepId">The sweep this job is a trial of (GET /sweeps/{id}); null for a job submitted alone.</param>
/// <param name="Trial">Its trial number in that sweep, from 1.</param>
public sealed record JobResponse(
    Guid Id,
    string Tenant,
    string Name,
    JobStatus Status,
    string Dataset,
    string? DatasetName,
    GanVariant Variant,
    NetworkArchitecture Architecture,
    string Device,
    DevicePreference RequestedDevice,
    Hyperparameters Hyperparameters,
    ProgressResponse Progress,
    MetricResponse? LatestMetrics,
    EvaluationResponse? LatestEvaluation,
    double? WassersteinSwdSpearman,
    TrainingStop? StoppedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int AbandonedAttempts,
    string? Error,
    double? WassersteinFdSpearman = null,
    double? TrainingWassersteinSwdSpearman = null,
    double? TrainingWassersteinFdSpearman = null,
    Guid? SweepId = null,
    int? Trial = null)
{
    public static JobResponse From(Job job, string? datasetName, JobMetric? latest, JobEvaluation? evaluation) => new(
        job.Id, job.Tenant, job.Name, job.Status, job.Dataset, datasetName, job.Variant, job.Architecture,
        job.Device ?? job.RequestedDevice.ToString().ToLowerInvariant(), job.RequestedDevice,
        job.Hyperparameters, new ProgressResponse(job.GeneratorStep, job.Hyperparameters.GeneratorSteps),
        latest is null ? null : MetricResponse.From(latest),
        evaluation is null ? null : EvaluationResponse.From(evaluation), job.WassersteinSwdSpearman, job.StoppedBy,
        job.CreatedAt, job.StartedAt, job.FinishedAt, job.AbandonedAttempts, job.Error, job.WassersteinFdSpearman,
        job.TrainingWassersteinSwdSpearman, job.TrainingWassersteinFdSpearman, job.SweepId, job.TrialIndex);
}

public sealed record ProgressResponse(int GeneratorStep, int GeneratorSteps);

public sealed record MetricResponse(
    int GeneratorStep,
    double CriticLoss,
    double GeneratorLoss,
    double WassersteinEstimate,
    double? GradientPenalty,
    double CriticGradientNorm,
    double SamplesPerSecond,
    DateTimeOffset RecordedAt)
{
    public static MetricResponse From(JobMetric m) => new(
        m.GeneratorStep, m.CriticLoss, m.GeneratorLoss, m.WassersteinEstimate, m.GradientPenalty,
        m.CriticGradientNorm, m.SamplesPerSecond, m.RecordedAt);
}

/// <summary>
/// An evaluation on held-out data. slicedWassersteinFloor is the SWD between two real sets of the same
/// size (what a perfect generator would score); wassersteinEstimate is the critic's estimate read at this
/// evaluation on the held-out data and the same generated samples the SWD and FD judge (null at step 0, the
/// untrained baseline; the metric rows carry the training steps' estimates), and trainingWassersteinMean the mean
/// of the training steps' estimates over the 200 generator steps before it (fewer early on). On labelled image sets,
/// frechetDistance is the mean FD over 5 generated sets, each the size of a held-out half, between the dataset
/// classifier's penultimate features of generated and held-out images, frechetDistanceFloor the same between
/// two real held-out halves, classesCovered the
/// classes given at least 2% of the samples and confidentShare the share classified with p ≥ 0.9;
/// elsewhere they are null.
/// </summary>
public sealed record EvaluationResponse(
    int GeneratorStep,
    double SlicedWasserstein,
    double SlicedWassersteinFloor,
    int? ModesCovered,
    int? Modes,
    double? HighQualityRatio,
    double? WassersteinEstimate,
    DateTimeOffset RecordedAt,
    double? FrechetDistance = null,
    double? FrechetDistanceFloor = null,
    int? ClassesCovered = null,
    double? ConfidentShare = null,
    double? TrainingWassersteinMean = null)
{
    public static EvaluationResponse From(JobEvaluation e) => new(
        e.GeneratorStep, e.SlicedWasserstein, e.SlicedWassersteinFloor, e.ModesCovered, e.Modes,
        e.HighQualityRatio, e.WassersteinEstimate, e.RecordedAt,
        e.FrechetDistance, e.FrechetDistanceFloor, e.ClassesCovered, e.ConfidentShare, e.TrainingWassersteinMean);
}

/// <summary>
/// The evaluations, and on labelled image sets the dataset's classifier (accuracy, real confident share, noise yardstick).
/// </summary>
public sealed record EvaluationListResponse(IReadOnlyList<EvaluationResponse> Items, Datasets.ClassifierResponse? Classifier = null);

public sealed record JobListResponse(IReadOnlyList<JobResponse> Items, string? NextCursor);

public sealed record MetricListResponse(IReadOnlyList<MetricResponse> Items);
