using TorchSharp;
using TorchSharp.Modules;

namespace WganService.Gan;

public static class OptimizerFactory
{
    public static torch.optim.Optimizer Create(IEnumerable<Parameter> parameters, Hyperparameters h) => h.Optimizer switch
    {
        OptimizerKind.Adam => torch.optim.Adam(parameters, h.LearningRate, h.Beta1 ?? 0.9, h.Beta2 ?? 0.999),
        // PyTorch's defaults (alpha 0.99, eps 1e-8), as the WGAN authors used them.
        OptimizerKind.RmsProp => torch.optim.RMSProp(parameters, h.LearningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(h), h.Optimizer, "Unknown optimizer."),
    };
}
