using System.Security.Cryptography;
using WganService.Domain.Jobs;
using WganService.Gan.Datasets;

namespace WganService.Domain.Sweeps;

/// <summary>
/// Validates a sweep and resolves its trials. The base spec goes through the job rules (<see cref="JobSpecResolver"/>)
/// with the budget written in, and so does every drawn configuration: a draw that breaks a job rule is an error
/// naming the trial (<c>trial[3].hyperparameters.clipValue</c>), so no trial can fail on its spec after the sweep
/// was accepted. Trials are numbered from 1, as their job names ("digits sweep · trial 3") say.
/// </summary>
public static class SweepResolver
{
    public const int MaxTrials = 100;
    public const int MaxEta = 10;
    public const int DefaultEta = 3;

    /// <summary>Leaves room in each trial's job name for " · trial 100".</summary>
    public const int MaxNameLength = JobSpecResolver.MaxNameLength - 20;

    /// <param name="dataset">The dataset the spec names, or null when it names none that exists.</param>
    /// <param name="labelled">Whether that dataset has class labels (its evaluations have a Fréchet distance).</param>
    public static (ResolvedSweep? Sweep, ValidationErrors Errors) Resolve(SweepSpec spec, DatasetInfo? dataset, bool labelled)
    {
        var errors = new ValidationErrors();
        if (spec.Name is { Length: > MaxNameLength }) errors.Add("name", $"must be at most {MaxNameLength} characters.");
        else if (spec.Name is not null && !TextRules.IsPlainLine(spec.Name)) errors.Add("name", TextRules.NoControlCharacters);
        if (spec.Trials is null) errors.Add("trials", $"is required: how many configurations to draw (1 to {MaxTrials}).");
        else errors.Range("trials", spec.Trials, 1, MaxTrials);
        CheckBudget(spec, errors);
        var (kind, eta) = EarlyStopping(spec.EarlyStopping, errors);
        if (spec.Seed is < 0) errors.Add("seed", "must be at least 0.");
        // JSON may give a dimension as null: named here, and left out of the checks that expect an object.
        foreach (var (nulled, _) in spec.Space?.Where(d => d.Value is null) ?? [])
            errors.Add($"space.{nulled}", "needs either 'values' or 'min' and 'max'.");
        var space = spec.Space?.Where(d => d.Value is not null).ToDictionary(StringComparer.Ordinal);
        SearchSpace.Check(space, errors);
        CheckIntegerBounds(space, errors);

        var baseHyperparameters = spec.Hyperparameters ?? new HyperparameterSpec();
        var withBudget = baseHyperparameters with
        {
            GeneratorSteps = spec.Budget?.GeneratorSteps, MaxTrainingMinutes = spec.Budget?.MaxTrainingMinutes,
        };
        var baseJob = new JobSpec
        {
            Dataset = spec.Dataset, Variant = spec.Variant, Architecture = spec.Architecture, Device = spec.Device,
            Hyperparameters = withBudget,
        };
        var (resolvedBase, baseErrors) = JobSpecResolver.Resolve(baseJob, dataset);
        foreach (var (field, rules) in baseErrors.ToDictionary())
        foreach (var rule in rules)
            if (!field.StartsWith("hyperparameters.generatorSteps", StringComparison.Ordinal)
                && !field.StartsWith("hyperparameters.maxTrainingMinutes", StringComparison.Ordinal))
                errors.Add(field, rule); // The budget's own rules are checked above, under budget.*.

        var objective = dataset is null ? (SweepObjective?)null : SweepObjectives.For(dataset.Kind == DatasetKind.Images, labelled);
        if (spec.Objective is { } asked && objective is { } expected && asked != expected)
            errors.Add("objective", $"must be '{SweepObjectives.Name(expected)}' for this dataset (or left out): trials are ranked " +
                "by the figure their best generator is chosen by: the Fréchet distance on labelled image sets, the patch SWD " +
                "on other image sets, the SWD on vectors.");
        if (errors.Any || resolvedBase is null) return (null, errors);

        var seed = spec.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var name = string.IsNullOrWhiteSpace(spec.Name) ? DefaultName(resolvedBase.Name) : spec.Name.Trim();
        var drawn = SearchSpace.Draw(space!, withBudget, spec.Trials!.Value, seed);
        var trials = new List<ResolvedJob>(drawn.Count);
        for (var i = 0; i < drawn.Count; i++)
        {
            var number = i + 1;
            // A trial's own training seed: the base one if given (every trial starts alike), else one per trial from the sweep's.
            var hyperparameters = drawn[i] with { Seed = baseHyperparameters.Seed ?? (long)seed * 1000 + number };
            var (trial, trialErrors) = JobSpecResolver.Resolve(
                baseJob with { Name = $"{name} · trial {number}", Hyperparameters = hyperparameters }, dataset);
            foreach (var (field, rules) in trialErrors.ToDictionary())
            foreach (var rule in rules)
                errors.Add($"trial[{number}].{field}", $"{rule} (drawn: {Drawn(space!, field, hyperparameters)})");
            if (trial is not null) trials.Add(trial);
        }
        if (errors.Any) return (null, errors);

        return (new ResolvedSweep(name, resolvedBase, baseHyperparameters, space!, spec.Trials.Value, spec.Budget!.GeneratorSteps,
            spec.Budget.MaxTrainingMinutes, objective!.Value, kind, eta, seed, trials), errors);
    }

    private static void CheckBudget(SweepSpec spec, ValidationErrors errors)
    {
        if (spec.Budget is not { } budget || (budget.GeneratorSteps is null && budget.MaxTrainingMinutes is null))
        {
            errors.Add("budget", "is required: each trial's generatorSteps, maxTrainingMinutes, or both.");
            return;
        }
        errors.Range("budget.generatorSteps", budget.GeneratorSteps, 1, JobSpecResolver.MaxGeneratorSteps);
        if (budget.MaxTrainingMinutes is { } minutes && !(minutes > 0 && minutes <= JobSpecResolver.MaxTrainingMinutes))
            errors.Add("budget.maxTrainingMinutes", $"must be greater than 0 and at most {JobSpecResolver.MaxTrainingMinutes} (a week).");
        if (spec.Hyperparameters?.GeneratorSteps is not null)
            errors.Add("hyperparameters.generatorSteps", "is the sweep's budget: give it as budget.generatorSteps.");
        if (spec.Hyperparameters?.MaxTrainingMinutes is not null)
            errors.Add("hyperparameters.maxTrainingMinutes", "is the sweep's budget: give it as budget.maxTrainingMinutes.");
    }

    /// <summary>
    /// Integer fields are 32-bit: a draw beyond that could not even be written into a spec (the job rules then name
    /// the fields' own, much narrower, ranges).
    /// </summary>
    private static void CheckIntegerBounds(Dictionary<string, SearchDimension>? space, ValidationErrors errors)
    {
        foreach (var (name, d) in space ?? [])
        {
            if (!SearchableHyperparameters.Contains(name) || !SearchableHyperparameters.IsInteger(name)) continue;
            var given = (d.Values ?? []).Concat(new[] { d.Min, d.Max }.OfType<double>());
            if (given.Any(v => !(v >= 1 && v <= JobSpecResolver.MaxGeneratorSteps)))
                errors.Add($"space.{name}", $"integer values must be between 1 and {JobSpecResolver.MaxGeneratorSteps}.");
        }
    }

    private static (EarlyStoppingKind Kind, int? Eta) EarlyStopping(EarlyStoppingSpec? spec, ValidationErrors errors)
    {
        var kind = spec?.Kind ?? EarlyStoppingKind.Halving;
        if (kind == EarlyStoppingKind.None)
        {
            if (spec?.Eta is not null) errors.Add("earlyStopping.eta", "applies to 'halving' only.");
            return (kind, null);
        }
        errors.Range("earlyStopping.eta", spec?.Eta, 2, MaxEta);
        return (kind, spec?.Eta ?? DefaultEta);
    }

    private static string DefaultName(string jobName)
    {
        var name = $"{jobName} sweep";
        if (name.Length <= MaxNameLength) return name;
        return name[..(char.IsHighSurrogate(name[MaxNameLength - 1]) ? MaxNameLength - 1 : MaxNameLength)];
    }

    /// <summary>The drawn value behind an error on a searched field, so the 400 says what the draw gave.</summary>
    private static string Drawn(Dictionary<string, SearchDimension> space, string field, HyperparameterSpec h)
    {
        var name = field.StartsWith("hyperparameters.", StringComparison.Ordinal) ? field["hyperparameters.".Length..] : field;
        return space.ContainsKey(name) && SearchableHyperparameters.Contains(name)
            ? $"{name} = {SearchableHyperparameters.Get(h, name)?.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : "not a searched field";
    }
}
