using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WganService.Gan.ScalarSafe;

/// <summary>
/// TorchSharp's <see cref="TorchSharp.Modules.Adam"/>, line for line (0.107.0; AMSGrad, which nothing here uses,
/// left out), except that every scalar its step hands to native code is held by a local until the call has returned.
/// </summary>
/// <remarks>
/// Why: TorchSharp turns each double it passes to libtorch into a temporary <see cref="Scalar"/> that nothing
/// disposes; only its finalizer frees it. Once the handle is read the JIT may treat the object as dead, so a
/// garbage collection on another thread can free it while the native kernel is still to read it. The kernel
/// then reads freed memory: "Expected false to be true" from c10::Scalar::toFloat (seen in CI, a worker's
/// generator step during a database outage), or a wrong value. <c>bench/ScalarRace</c> reproduces it with the
/// library's optimiser and counts none with this one. Upstream: dotnet/TorchSharp pull requests 1434 and 1496.
/// The class keeps the library's name because <c>save_state_dict</c> writes the type's name and
/// <c>load_state_dict</c> refuses another: checkpoints written with the library's Adam load into this one and back.
/// </remarks>
public sealed class Adam(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2)
    : TorchSharp.Modules.Adam(parameters, lr, beta1, beta2)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        var (beta1, beta2) = (options.beta1!.Value, options.beta2!.Value);
        var (weightDecay, maximize) = (options.weight_decay!.Value, options.maximize!.Value);
        // The constructor cannot turn it on, and the library allocates its state only when constructed with it.
        if (options.amsgrad!.Value) throw new NotSupportedException("AMSGrad is not supported.");
        var learningRate = options.LearningRate!.Value;
        using var beta1Scalar = beta1.ToScalar();
        using var oneMinusBeta1 = (1 - beta1).ToScalar();
        using var beta2Scalar = beta2.ToScalar();
        using var oneMinusBeta2 = (1 - beta2).ToScalar();
        using var eps = options.eps!.Value.ToScalar();
        using var weightDecayScalar = weightDecay.ToScalar();
        using var one = 1.ToScalar();

        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            if (maximize) grad = -grad;

            state.step += 1;
            var biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            var biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            if (weightDecay != 0) grad = grad.add(param, weightDecayScalar);

            state.exp_avg.mul_(beta1Scalar).add_(grad, oneMinusBeta1);
            state.exp_avg_sq.mul_(beta2Scalar).addcmul_(grad, grad.conj(), oneMinusBeta2);

            using var rootOfCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
            var denom = (state.exp_avg_sq.sqrt() / rootOfCorrection2).add_(eps, one);

            using var stepSize = (-(learningRate / biasCorrection1)).ToScalar();
            param.addcdiv_(state.exp_avg, denom, stepSize);
        }
    }, closure);
}
