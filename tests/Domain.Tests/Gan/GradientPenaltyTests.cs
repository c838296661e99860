using TorchSharp;
using WganService.Gan;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WganService.Domain.Tests.Gan;

public class GradientPenaltyTests
{
    [Fact]
    public void Penalty_EqualsFiniteDifferenceEstimate_OnTinyCritic()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var critic = Sequential(Linear(2, 4), Tanh(), Linear(4, 1)).to(float64);
        var real = randn([5, 2], dtype: float64);
        var fake = randn([5, 2], dtype: float64);

        var penalty = GradientPenalty.Compute(critic, real, fake, new Generator(11)).item<double>();

        // The same ε per sample as the penalty drew, then ∇C by central differences.
        var alpha = rand([5, 1], dtype: float64, generator: new Generator(11));
        var points = alpha * real + (1 - alpha) * fake;
        var expected = 0.0;
        using (no_grad())
        {
            for (var i = 0; i < 5; i++)
            {
                var squaredNorm = 0.0;
                for (var d = 0; d < 2; d++)
                {
                    const double h = 1e-6;
                    var offset = zeros([1, 2], dtype: float64);
                    offset[0, d] = tensor(h, dtype: float64);
                    var point = points[i].unsqueeze(0);
                    var slope = (critic.call(point + offset) - critic.call(point - offset)).item<double>() / (2 * h);
                    squaredNorm += slope * slope;
                }
                expected += Math.Pow(Math.Sqrt(squaredNorm) - 1, 2) / 5;
            }
        }

        Assert.Equal(expected, penalty, 1e-6);
    }

    [Fact]
    public void Penalty_IsDifferentiable_WithRespectToCriticWeights()
    {
        using var scope = NewDisposeScope();
        using var critic = Sequential(Linear(2, 4), Tanh(), Linear(4, 1));

        GradientPenalty.Compute(critic, randn(8, 2), randn(8, 2), null).backward();

        // ∇ₓC does not depend on the output bias, so every parameter but that one gets a gradient.
        var parameters = critic.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.All(parameters.Where(p => p.Key != "2.bias"), p => Assert.True(p.Value.grad!.abs().sum().item<float>() > 0, p.Key));
        Assert.Null(parameters["2.bias"].grad);
    }

    [Fact]
    public void Penalty_RejectsMismatchedBatches_BeforeReachingAutograd()
    {
        using var scope = NewDisposeScope();
        using var critic = Sequential(Linear(2, 1));

        Assert.Throws<ArgumentException>(() => GradientPenalty.Compute(critic, randn(8, 2), randn(4, 2), null));
    }
}
