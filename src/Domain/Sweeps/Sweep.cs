using WganService.Domain.Jobs;
using WganService.Gan;

namespace WganService.Domain.Sweeps;

/// <summary>
/// A hyperparameter search: its trials are ordinary jobs (<see cref="Job.SweepId"/>), drawn from <see cref="Space"/>
/// by <see cref="Seed"/>, each with the whole per-trial budget; successive halving stops most of them at a rung.
/// Tenant-scoped like a job. Every decision about its trials (promotions, the end) saves this row, whose
/// <see cref="Version"/> is a concurrency token: of two workers deciding at once, one saves and the other
/// reads again and decides anew, so a promotion is neither lost nor made twice.
/// </summary>
public sealed class Sweep
{
    private Sweep() { } // EF Core

    public Sweep(ResolvedSweep spec, DateTimeOffset now, string tenant)
    {
        now = StoredTime.ToStoredPrecision(now);
        Id = Guid.CreateVersion7(now);
        Tenant = tenant;
        Name = spec.Name;
        Dataset = spec.Base.Dataset;
        Variant = spec.Base.Variant;
        Architecture = spec.Base.Architecture;
        BaseHyperparameters = spec.BaseHyperparameters;
        Space = spec.Space;
        Trials = spec.Trials;
        BudgetGeneratorSteps = spec.BudgetGeneratorSteps;
        BudgetMaxTrainingMinutes = spec.BudgetMaxTrainingMinutes;
        Objective = spec.Objective;
        EarlyStopping = spec.EarlyStopping;
        Eta = spec.Eta;
        Seed = spec.Seed;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public string Tenant { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Dataset { get; private set; } = "";
    public GanVariant Variant { get; private set; }
    public NetworkArchitecture Architecture { get; private set; }

    /// <summary>The hyperparameters as requested, before the draw wrote the searched ones in (kept as JSON).</summary>
    public HyperparameterSpec BaseHyperparameters { get; private set; } = new();

    public Dictionary<string, SearchDimension> Space { get; private set; } = [];
    public int Trials { get; private set; }

    /// <summary>Each trial's whole budget: generator steps, training minutes, or both (whichever ends it first).</summary>
    public int? BudgetGeneratorSteps { get; private set; }

    public double? BudgetMaxTrainingMinutes { get; private set; }
    public SweepObjective Objective { get; private set; }
    public EarlyStoppingKind EarlyStopping { get; private set; }

    /// <summary>Halving's η: the share of a rung's trials that go on is 1/η. Null without early stopping.</summary>
    public int? Eta { get; private set; }

    public int Seed { get; private set; }
    public SweepStatus Status { get; private set; } = SweepStatus.Queued;
    public bool CancelRequested { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Bumped by every save of a decision (the concurrency token; see the class summary).</summary>
    public int Version { get; private set; }

    public RungLadder Ladder =>
        EarlyStopping == EarlyStoppingKind.Halving ? RungLadder.Halving(Trials, Eta!.Value) : RungLadder.WholeBudget();

    /// <summary>η as successive halving takes it: with one rung no trial is ever promoted, so any value serves.</summary>
    public int HalvingEta => Eta ?? 2;

    /// <summary>Marks this save as a decision: a concurrent decision read the version before it and must read again.</summary>
    public void Touch() => Version++;

    public void MarkRunning()
    {
        if (Status == SweepStatus.Queued) Status = SweepStatus.Running;
    }

    /// <summary>Every trial ended (trained its budget, stopped at a rung for good, or failed).</summary>
    public void Succeed(DateTimeOffset now)
    {
        EnsureActive(nameof(Succeed));
        Status = SweepStatus.Succeeded;
        FinishedAt = now;
    }

    /// <summary>Every trial ended, and none of them trained to a result (each failed or was cancelled alone).</summary>
    public void Fail(DateTimeOffset now)
    {
        EnsureActive(nameof(Fail));
        Status = SweepStatus.Failed;
        FinishedAt = now;
    }

    /// <summary>Cancelled at once: its queued trials are cancelled with it and its running ones told to stop.</summary>
    public void Cancel(DateTimeOffset now)
    {
        EnsureActive(nameof(Cancel));
        CancelRequested = true;
        Status = SweepStatus.Cancelled;
        FinishedAt = now;
    }

    private void EnsureActive(string transition)
    {
        if (Status.IsFinished())
            throw new InvalidOperationException($"Sweep {Id} is {Status.ToString().ToLowerInvariant()}; it cannot {transition}.");
    }
}
