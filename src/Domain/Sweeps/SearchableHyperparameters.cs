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
    private sealed record Field(bool IsInteger, Func<HyperparameterSpec, double, HyperparameterSpec> Set);

    private static readonly Dictionary<string, Field> Fields = new(StringComparer.Ordinal)
    {
        ["learningRate"] = new(false, (h, v) => h with { LearningRate = v }),
        ["beta1"] = new(false, (h, v) => h with { Beta1 = v }),
        ["beta2"] = new(false, (h, v) => h with { Beta2 = v }),
        ["gradientPenaltyWeight"] = new(false, (h, v) => h with { GradientPenaltyWeight = v }),
        ["clipValue"] = new(false, (h, v) => h with { ClipValue = v }),
        ["generatorEma"] = new(false, (h, v) => h with { GeneratorEma = v }),
        ["criticSteps"] = new(true, (h, v) => h with { CriticSteps = checked((int)v) }),
        ["batchSize"] = new(true, (h, v) => h with { BatchSize = checked((int)v) }),
        ["latentDim"] = new(true, (h, v) => h with { LatentDim = checked((int)v) }),
    };

    public static IEnumerable<string> Names => Fields.Keys;

    public static bool Contains(string name) => Fields.ContainsKey(name);

    public static bool IsInteger(string name) => Fields[name].IsInteger;

    public static HyperparameterSpec With(HyperparameterSpec spec, string name, double value) => Fields[name].Set(spec, value);
}
