using WganService.Domain.Jobs;

namespace WganService.Domain.Sweeps;

/// <summary>
/// The hyperparameters a sweep can search (the numeric ones that change what is learned; a sweep's budget
/// owns generatorSteps and maxTrainingMinutes), by their JSON name, with how a drawn value is written into
/// a job's <see cref="HyperparameterSpec"/>. Whether a value is allowed is the job rules' call
/// (<see cref="JobSpecResolver"/>): every trial is resolved like a job before the sweep is accepted.
/// </summary>
public static class SearchableHyperparameters
{
    private sealed record Field(
        bool IsInteger, Func<HyperparameterSpec, double, HyperparameterSpec> Set, Func<HyperparameterSpec, double?> Requested,
        Func<Gan.Hyperparameters, double?> Resolved);

    private static readonly Dictionary<string, Field> Fields = new(StringComparer.Ordinal)
    {
        ["learningRate"] = new(false, (h, v) => h with { LearningRate = v }, h => h.LearningRate, h => h.LearningRate),
        ["beta1"] = new(false, (h, v) => h with { Beta1 = v }, h => h.Beta1, h => h.Beta1),
        ["beta2"] = new(false, (h, v) => h with { Beta2 = v }, h => h.Beta2, h => h.Beta2),
        ["gradientPenaltyWeight"] = new(false, (h, v) => h with { GradientPenaltyWeight = v }, h => h.GradientPenaltyWeight,
            h => h.GradientPenaltyWeight),
        ["clipValue"] = new(false, (h, v) => h with { ClipValue = v }, h => h.ClipValue, h => h.ClipValue),
        ["generatorEma"] = new(false, (h, v) => h with { GeneratorEma = v }, h => h.GeneratorEma, h => h.GeneratorEma),
        ["criticSteps"] = new(true, (h, v) => h with { CriticSteps = checked((int)v) }, h => h.CriticSteps, h => h.CriticSteps),
        ["batchSize"] = new(true, (h, v) => h with { BatchSize = checked((int)v) }, h => h.BatchSize, h => h.BatchSize),
        ["latentDim"] = new(true, (h, v) => h with { LatentDim = checked((int)v) }, h => h.LatentDim, h => h.LatentDim),
    };

    public static IEnumerable<string> Names => Fields.Keys;

    public static bool Contains(string name) => Fields.ContainsKey(name);

    public static bool IsInteger(string name) => Fields[name].IsInteger;

    public static HyperparameterSpec With(HyperparameterSpec spec, string name, double value) => Fields[name].Set(spec, value);

    /// <summary>The value a spec asks for (null: the default).</summary>
    public static double? Get(HyperparameterSpec spec, string name) => Fields[name].Requested(spec);

    /// <summary>The value a job trains with (null where it does not apply, as clipValue on wgan-gp).</summary>
    public static double? Get(Gan.Hyperparameters hyperparameters, string name) => Fields[name].Resolved(hyperparameters);
}
