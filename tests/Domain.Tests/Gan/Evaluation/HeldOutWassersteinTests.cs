using WganService.Gan;
using WganService.Gan.Datasets;
using WganService.Gan.Evaluation;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Evaluation;

public class HeldOutWassersteinTests
{
    /// <summary>A critic that scores a point by its first coordinate: its estimate is the gap between the sets' means there.</summary>
    private static nn.Module<Tensor, Tensor> FirstCoordinateCritic()
    {
        var critic = nn.Linear(2, 1);
        using (no_grad())
        {
            critic.weight!.copy_(tensor(new float[] { 1, 0 }).reshape(1, 2));
            critic.bias!.zero_();
        }
        return critic;
    }

    [Fact]
    public void Reads_TheCriticsMeanScoreOfRealMinusGenerated_InBatches_AndHandsTheCriticBackInTraining()
    {
        using var critic = FirstCoordinateCritic();
        using var random = new Generator(3);
        // More samples than one scoring batch, so the batched mean must weigh every sample once.
        using var real = randn([HeldOutWasserstein.Batch + 44, 2], generator: random) + tensor(new float[] { 2, 0 });
        using var generated = randn([HeldOutWasserstein.Batch + 44, 2], generator: random);
        critic.train();

        var estimate = HeldOutWasserstein.Read(critic, real, generated);

        var expected = real[.., 0].to(ScalarType.Float64).mean().item<double>()
            - generated[.., 0].to(ScalarType.Float64).mean().item<double>();
        Assert.Equal(expected, estimate, 1e-5);
        Assert.InRange(estimate, 1.8, 2.2);
        Assert.True(critic.training, "Reading must hand the critic back in training mode.");
    }

    [Fact]
    public void Evaluations_CarryTheEstimate_OnlyWhenGivenTheCritic()
    {
        using var evaluator = VectorEvaluator.ForToy(ToyDataset.EightGaussians, latentDim: 2, jobSeed: 1, CPU);
        manual_seed(1);
        using var generator = new Mlp(2, 2, hidden: 16);
        using var critic = FirstCoordinateCritic();

        Assert.Null(evaluator.Evaluate(generator, 0).WassersteinEstimate);
        var estimate = evaluator.Evaluate(generator, 1, critic).WassersteinEstimate;
        Assert.NotNull(estimate);
        Assert.True(double.IsFinite(estimate!.Value));
    }
}
