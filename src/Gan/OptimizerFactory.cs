using TorchSharp;
using TorchSharp.Modules;

namespace WganService.Gan;

public static class OptimizerFactory
{
    public static torch.optim.Optimizer Create(IEnumerable<Parameter> parameters, Hyperparameters h) => h.Optimizer switch
    {
        // TorchSharp's optimisers with their scalars held across native calls (see ScalarSafe.Adam).
        OptimizerKind.Adam => new ScalarSafe.Adam(parameters, h.LearningRate, h.Beta1 ?? 0.9, h.Beta2 ?? 0.999),
        OptimizerKind.RmsProp => new ScalarSafe.RMSProp(parameters, h.LearningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(h), h.Optimizer, "Unknown optimizer."),
    };
}
