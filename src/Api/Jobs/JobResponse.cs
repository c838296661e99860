using WganService.Domain.Jobs;
using WganService.Domain.Persistence;

namespace WganService.Api.Jobs;

/// <summary>
/// A job as every job-returning route shows it; <c>tenant</c> is its owner (callers other than admins only ever see their own).
/// <c>stoppedBy</c> says what ended a job that succeeded: <c>steps</c> (it reached <c>generatorSteps</c>) or
/// <c>time-budget</c> (<c>maxTrainingMinutes</c> ran out first; <c>progress.generatorStep</c> is the step reached).
/// </summary>
public sealed record JobResponse(
    Guid Id,
    string Tenant,
    string Name,
    JobStatus Status,
    string Dataset,
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
    string? Error)
{
    public static JobResponse From(Job job, JobMetric? latest, JobEvaluation? evaluation) => new(
        job.Id, job.Tenant, job.Name, job.Status, job.Dataset, job.Variant, job.Architecture,
        job.Device ?? job.RequestedDevice.ToString().ToLowerInvariant(), job.RequestedDevice,
        job.Hyperparameters, new ProgressResponse(job.GeneratorStep, job.Hyperparameters.GeneratorSteps),
        latest is null ? null : MetricResponse.From(latest),
        evaluation is null ? null : EvaluationResponse.From(evaluation), job.WassersteinSwdSpearman, job.StoppedBy,
        job.CreatedAt, job.StartedAt, job.FinishedAt, job.Error);
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
/// size (what a perfect generator would score); wassersteinEstimate is the mean training estimate since
/// the previous evaluation (null at step 0, the untrained baseline).
/// </summary>
public sealed record EvaluationResponse(
    int GeneratorStep,
    double SlicedWasserstein,
    double SlicedWassersteinFloor,
    int? ModesCovered,
    int? Modes,
    double? HighQualityRatio,
    double? WassersteinEstimate,
    DateTimeOffset RecordedAt)
{
    public static EvaluationResponse From(JobEvaluation e) => new(
        e.GeneratorStep, e.SlicedWasserstein, e.SlicedWassersteinFloor, e.ModesCovered, e.Modes,
        e.HighQualityRatio, e.WassersteinEstimate, e.RecordedAt);
}

public sealed record EvaluationListResponse(IReadOnlyList<EvaluationResponse> Items);

public sealed record JobListResponse(IReadOnlyList<JobResponse> Items, string? NextCursor);

public sealed record MetricListResponse(IReadOnlyList<MetricResponse> Items);
