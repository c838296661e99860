using WganService.Domain.Jobs;
using WganService.Domain.Sweeps;
using WganService.Gan;

namespace WganService.Api.Sweeps;

/// <summary>
/// Requests for POST /sweeps as the OpenAPI document shows them: real specs, so they cannot drift from what the service reads.
/// </summary>
internal static class SweepExamples
{
    public static readonly SweepSpec Toy = new()
    {
        Name = "8gaussians-lr",
        Dataset = "8gaussians",
        Variant = GanVariant.WganGp,
        Hyperparameters = new HyperparameterSpec { BatchSize = 64 },
        Space = new()
        {
            ["learningRate"] = new SearchDimension { Min = 1e-5, Max = 1e-3, Scale = SearchScale.Log },
            ["criticSteps"] = new SearchDimension { Values = [1, 3, 5] },
        },
        Trials = 9,
        Budget = new SweepBudget { GeneratorSteps = 1800 },
        EarlyStopping = new EarlyStoppingSpec { Kind = EarlyStoppingKind.Halving, Eta = 3 },
        Seed = 7,
    };
}
