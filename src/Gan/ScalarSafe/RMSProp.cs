using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WganService.Gan.ScalarSafe;

/// <summary>
/// TorchSharp's <see cref="TorchSharp.Modules.RMSProp"/>, line for line (0.107.0), with every scalar held across
/// its native call as in <see cref="Adam"/> (see there why). PyTorch's defaults (alpha 0.99, eps 1e-8), as the
/// WGAN authors used them. Named as the library's for the same reason as <see cref="Adam"/>.
/// </summary>
public sealed class RMSProp(IEnumerable<Parameter> parameters, double lr) : TorchSharp.Modules.RMSProp(parameters, lr)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        var (momentum, alpha, weightDecay) = (options.momentum!.Value, options.alpha!.Value, options.weight_decay!.Value);
        var (centered, maximize) = (options.centered!.Value, options.maximize!.Value);
        using var alphaScalar = alpha.ToScalar();
        using var oneMinusAlpha = (1 - alpha).ToScalar();
        using var one = 1.ToScalar();
        using var minusOne = (-1).ToScalar();
        using var eps = options.eps!.Value.ToScalar();
        using var momentumScalar = momentum.ToScalar();
        using var weightDecayScalar = weightDecay.ToScalar();
        using var minusLearningRate = (-options.LearningRate!.Value).ToScalar();

        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            if (maximize) grad = -grad;

            state.step += 1;
            if (weightDecay != 0) grad = grad.add(param, weightDecayScalar);

            state.square_avg.mul_(alphaScalar).addcmul_(grad, grad, oneMinusAlpha);
            Tensor avg;
            if (centered)
            {
                state.grad_avg.mul_(alphaScalar).add_(grad, oneMinusAlpha);
                avg = state.square_avg.addcmul(state.grad_avg, state.grad_avg, minusOne).sqrt_().add_(eps, one);
            }
            else
            {
                avg = state.square_avg.sqrt().add_(eps, one);
            }

            if (momentum > 0)
            {
                state.momentum_buffer.mul_(momentumScalar).addcdiv_(grad, avg, one);
                param.add_(state.momentum_buffer, minusLearningRate);
            }
            else
            {
                param.addcdiv_(grad, avg, minusLearningRate);
            }
        }
    }, closure);
}
