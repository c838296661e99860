using WganService.Domain.Jobs;

namespace WganService.Domain.Sweeps;

/// <summary>
/// A sweep's search space: checks its shape, and draws the trials' hyperparameters. The draw is a pure
/// function of the seed: dimensions are drawn in name order, trial after trial, from one seeded generator,
/// so the same seed gives the same configurations on any machine and after any restart.
/// </summary>
public static class SearchSpace
{
    /// <summary>Adds a rule for every malformed dimension, under <c>space.&lt;name&gt;</c>.</summary>
    public static void Check(IReadOnlyDictionary<string, SearchDimension>? space, ValidationErrors errors)
    {
        if (space is null || space.Count == 0)
        {
            errors.Add("space", $"is required: at least one of {string.Join(", ", SearchableHyperparameters.Names)}.");
            return;
        }
        foreach (var (name, dimension) in space)
        {
            var field = $"space.{name}";
            if (!SearchableHyperparameters.Contains(name))
            {
                errors.Add(field, $"cannot be searched; searchable: {string.Join(", ", SearchableHyperparameters.Names)}.");
                continue;
            }
            CheckDimension(field, dimension, SearchableHyperparameters.IsInteger(name), errors);
        }
    }

    private static void CheckDimension(string field, SearchDimension d, bool integer, ValidationErrors errors)
    {
        var hasValues = d.Values is not null;
        var hasRange = d.Min is not null || d.Max is not null;
        if (hasValues == hasRange)
        {
            errors.Add(field, "needs either 'values' or 'min' and 'max'.");
            return;
        }
        if (hasValues)
        {
            if (d.Values!.Length == 0) errors.Add($"{field}.values", "must hold at least one value.");
            if (d.Values.Any(v => !double.IsFinite(v))) errors.Add($"{field}.values", "must be finite numbers.");
            else if (integer && d.Values.Any(v => v != Math.Floor(v))) errors.Add($"{field}.values", "must be integers.");
            if (d.Scale is not null) errors.Add($"{field}.scale", "applies to a 'min'–'max' range only.");
            return;
        }
        if (d.Min is not { } min || d.Max is not { } max || !double.IsFinite(min) || !double.IsFinite(max))
        {
            errors.Add(field, "needs both 'min' and 'max' as finite numbers.");
            return;
        }
        if (!(min < max)) errors.Add($"{field}.max", "must be greater than 'min'.");
        if (integer && (min != Math.Floor(min) || max != Math.Floor(max))) errors.Add(field, "'min' and 'max' must be integers.");
        if (d.Scale == SearchScale.Log && !(min > 0)) errors.Add($"{field}.min", "must be greater than 0 on a log scale.");
    }

    /// <summary>The hyperparameters of each trial: <paramref name="baseSpec"/> with the drawn values written in.</summary>
    public static IReadOnlyList<HyperparameterSpec> Draw(
        IReadOnlyDictionary<string, SearchDimension> space, HyperparameterSpec baseSpec, int trials, int seed)
    {
        var random = new Random(seed);
        var names = space.Keys.Order(StringComparer.Ordinal).ToArray();
        var drawn = new List<HyperparameterSpec>(trials);
        for (var trial = 0; trial < trials; trial++)
        {
            var spec = baseSpec;
            foreach (var name in names)
                spec = SearchableHyperparameters.With(spec, name, DrawOne(space[name], SearchableHyperparameters.IsInteger(name), random));
            drawn.Add(spec);
        }
        return drawn;
    }

    private static double DrawOne(SearchDimension d, bool integer, Random random)
    {
        if (d.Values is { } values) return values[random.Next(values.Length)];
        var (min, max) = (d.Min!.Value, d.Max!.Value);
        if (integer)
        {
            // Every integer in [min, max] equally likely; on a log scale, log-uniform on [min, max + 1) rounded down.
            return d.Scale == SearchScale.Log
                ? Math.Min(max, Math.Floor(Math.Exp(Math.Log(min) + random.NextDouble() * (Math.Log(max + 1) - Math.Log(min)))))
                : min + random.NextInt64((long)(max - min) + 1);
        }
        var u = random.NextDouble();
        return d.Scale == SearchScale.Log ? Math.Exp(Math.Log(min) + u * (Math.Log(max) - Math.Log(min))) : min + u * (max - min);
    }
}
