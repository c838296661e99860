using WganService.Domain.Jobs;
using WganService.Gan;

namespace WganService.Domain.Sweeps;

/// <summary>
/// A sweep as a client asks for it: a job spec (dataset, variant, base hyperparameters) plus what to search,
/// how many trials, each trial's budget, and how to stop trials early. Null means the default.
/// </summary>
public sealed record SweepSpec
{
    public string? Name { get; init; }
    public string? Dataset { get; init; }
    public GanVariant? Variant { get; init; }
    public NetworkArchitecture? Architecture { get; init; }
    public DevicePreference? Device { get; init; }

    /// <summary>Every trial's hyperparameters but the searched ones; generatorSteps and maxTrainingMinutes belong in the budget.</summary>
    public HyperparameterSpec? Hyperparameters { get; init; }

    public Dictionary<string, SearchDimension>? Space { get; init; }
    public int? Trials { get; init; }
    public SweepBudget? Budget { get; init; }

    /// <summary>Optional: there is one per dataset (<see cref="SweepObjectives.For"/>); naming it only guards against surprise.</summary>
    public SweepObjective? Objective { get; init; }

    public EarlyStoppingSpec? EarlyStopping { get; init; }

    /// <summary>Draws the trials' configurations: the same seed, space and trials give the same configurations.</summary>
    public int? Seed { get; init; }
}

/// <summary>Each trial's whole budget (the top rung): generator steps, training minutes, or both, whichever ends it first.</summary>
public sealed record SweepBudget
{
    public int? GeneratorSteps { get; init; }
    public double? MaxTrainingMinutes { get; init; }
}

public sealed record EarlyStoppingSpec
{
    public EarlyStoppingKind? Kind { get; init; }
    public int? Eta { get; init; }
}

/// <summary>A validated sweep with every default filled in and every trial resolved as a job.</summary>
public sealed record ResolvedSweep(
    string Name,
    ResolvedJob Base,
    HyperparameterSpec BaseHyperparameters,
    Dictionary<string, SearchDimension> Space,
    int Trials,
    int? BudgetGeneratorSteps,
    double? BudgetMaxTrainingMinutes,
    SweepObjective Objective,
    EarlyStoppingKind EarlyStopping,
    int? Eta,
    int Seed,
    IReadOnlyList<ResolvedJob> TrialJobs);
