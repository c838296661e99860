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

    /// <summary>BatchNorm → ReLU → the first coordinate, with running statistics far from any batch's (as after
    /// training on other samples), so reading with them and reading as trained give different numbers.</summary>
    private static nn.Module<Tensor, Tensor> BatchNormCritic()
    {
        var norm = nn.BatchNorm1d(2);
        var critic = nn.Sequential(norm, nn.ReLU(), FirstCoordinateCritic());
        using (no_grad())
        {
            norm.weight!.copy_(tensor(new float[] { 2, 1 }));
            norm.bias!.copy_(tensor(new float[] { 0.5f, 0 }));
            norm.running_mean!.fill_(5);
            norm.running_var!.fill_(4);
        }
        return critic;
    }

    /// <summary>What the critic's training loss sees: the set normalised by its own statistics.</summary>
    private static double MeanScoreAsTrained(Tensor set)
    {
        var first = set[.., 0].to(ScalarType.Float64);
        var z = (first - first.mean()) / (first.var(unbiased: false) + 1e-5).sqrt() * 2 + 0.5;
        return z.clamp_min(0).mean().item<double>();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ABatchNormCritic_ReadsEachSetAsItWasTrained_AndKeepsItsRunningStatisticsAndMode(bool training)
    {
        using var critic = BatchNormCritic();
        var norm = (TorchSharp.Modules.BatchNorm1d)critic.modules().First(m => m is TorchSharp.Modules.BatchNorm1d);
        using var random = new Generator(5);
        // One scoring batch each: a real set that is symmetric, a generated one that is skewed.
        using var real = randn([200, 2], generator: random) + 2;
        using var generated = randn([200, 2], generator: random).pow(2);
        critic.train(training);
        var batchesBefore = norm.num_batches_tracked!.item<long>();

        var estimate = HeldOutWasserstein.Read(critic, real, generated);

        // Within float32 rounding of the float64 sum above.
        Assert.Equal(MeanScoreAsTrained(real) - MeanScoreAsTrained(generated), estimate, 1e-3);
        Assert.True(Math.Abs(estimate) > 0.05, $"The sets must differ as trained, to tell the readings apart; read {estimate}.");
        Assert.Equal([5f, 5f], norm.running_mean!.data<float>().ToArray());
        Assert.Equal([4f, 4f], norm.running_var!.data<float>().ToArray());
        Assert.Equal(batchesBefore, norm.num_batches_tracked!.item<long>());
        Assert.Equal(training, critic.training);
    }

    [Fact]
    public void ABatchNormCritic_ReadsSetsOfOneWithItsRunningStatistics()
    {
        using var critic = BatchNormCritic();
        using var real = tensor(new float[] { 9, 0 }).reshape(1, 2);
        using var generated = tensor(new float[] { 7, 0 }).reshape(1, 2);

        // Running statistics: (x − 5) / 2 · 2 + 0.5, through ReLU: 4.5 for 9 and 2.5 for 7.
        Assert.Equal(2.0, HeldOutWasserstein.Read(critic, real, generated), 1e-3);
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
