using WganService.Domain.Jobs;
using WganService.Domain.Sweeps;
using WganService.Gan;

namespace WganService.Api.Sweeps;

/// <summary>
/// A sweep as GET /sweeps/{id} shows it. <c>rungs</c> is its ladder: where successive halving judges the trials,
/// as a fraction of the per-trial budget (and in generator steps when the budget has them). <c>trialJobs</c> are
/// its trials, ordinary jobs (GET /jobs/{jobId} for the rest): each with the values drawn for the searched
/// hyperparameters, its result at each rung it completed, and its latest objective. A trial halving did not
/// promote is <c>stopped</c>. <c>best</c> is the trial with the lowest objective among those that reached the
/// highest rung any reached (null before any result); register its generator with POST /models and its jobId.
/// <c>compute</c> compares the generator steps trained with what running every trial to the end would have taken.
/// <c>status</c>: queued, running, succeeded (every trial ended), failed or cancelled. <c>objective</c>: What
/// trials are ranked by, lower being better: frechetDistance (labelled image sets), patchSlicedWasserstein (other
/// image sets) or slicedWasserstein (vectors), each on held-out data.
/// </summary>
public sealed record SweepResponse(
    Guid Id,
    string Tenant,
    string Name,
    string Dataset,
    GanVariant Variant,
    SweepStatus Status,
    SweepObjective Objective,
    EarlyStoppingResponse EarlyStopping,
    SweepBudget Budget,
    int Trials,
    int Seed,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<RungResponse> Rungs,
    IReadOnlyList<TrialJobResponse> TrialJobs,
    BestTrialResponse? Best,
    ComputeResponse Compute);

/// <summary>
/// <c>eta</c>: Halving's η: about 1 in η trials goes on from each rung; null without early stopping.
/// </summary>
public sealed record EarlyStoppingResponse(EarlyStoppingKind Kind, int? Eta);

/// <summary>
/// <c>generatorSteps</c>: The step that ends the rung; null when the budget is in minutes only.
/// </summary>
public sealed record RungResponse(int Rung, double BudgetFraction, int? GeneratorSteps);

/// <summary>
/// <c>trial</c>: The trial's number, from 1, as in its job's name. <c>hyperparameters</c>: The value drawn for
/// each searched hyperparameter. <c>objective</c>: Its latest rung's objective; null before its first rung or when
/// it scored nothing finite. <c>generatorStep</c>: The generator steps it has trained.
/// </summary>
public sealed record TrialJobResponse(
    int Trial, Guid JobId, JobStatus Status, IReadOnlyDictionary<string, double?> Hyperparameters,
    IReadOnlyList<RungResultResponse> RungResults, double? Objective, int GeneratorStep);

/// <summary>
/// <c>objective</c>: The lowest objective its evaluations reached by then (its best generator's score).
/// </summary>
public sealed record RungResultResponse(int Rung, int GeneratorStep, double? Objective);

public sealed record BestTrialResponse(
    int Trial, Guid JobId, double? Objective, int Rung, IReadOnlyDictionary<string, double?> Hyperparameters);

/// <summary>
/// <c>generatorStepsIfRunToEnd</c>: Every trial's whole budget in steps; null when the budget is in minutes only.
/// </summary>
public sealed record ComputeResponse(long GeneratorStepsTrained, long? GeneratorStepsIfRunToEnd);

/// <summary>
/// A sweep in a list: GET /sweeps/{id} has its trials and results.
/// </summary>
public sealed record SweepSummaryResponse(
    Guid Id, string Tenant, string Name, string Dataset, GanVariant Variant, SweepStatus Status, SweepObjective Objective, int Trials,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt)
{
    public static SweepSummaryResponse From(Sweep s) =>
        new(s.Id, s.Tenant, s.Name, s.Dataset, s.Variant, s.Status, s.Objective, s.Trials, s.CreatedAt, s.FinishedAt);
}

public sealed record SweepListResponse(IReadOnlyList<SweepSummaryResponse> Items, string? NextCursor);
