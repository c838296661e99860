using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Domain.Jobs;
using WganService.Gan.Datasets;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan;

public class GeneratorEmaTests
{
    [Theory]
    [InlineData(0.999, 0, 0.1)]          // (1 + 0) / (10 + 0): the first update keeps a tenth of the init
    [InlineData(0.999, 90, 0.91)]        // 91 / 100
    [InlineData(0.999, 8990, 0.999)]     // the warm-up reaches the set decay after ~9,000 updates
    [InlineData(0.5, 8, 0.5)]            // 9 / 18 = 0.5: a small decay caps the warm-up early
    public void EffectiveDecay_WarmsUpToTheSetDecay(double decay, long updatesBefore, double expected)
    {
        Assert.Equal(expected, GeneratorEma.EffectiveDecay(decay, updatesBefore), 12);
    }

    [Fact]
    public void Update_AveragesWeightsWithTheWarmUpDecay_AndCopiesBatchNormBuffers()
    {
        using var raw = Tiny();
        using var ema = new GeneratorEma(Tiny(), raw, decay: 0.5);
        var expected = 0f; // Tiny() starts at 0 and the average starts as a copy of it.
        var decays = new[] { 1 / 10.0, 2 / 11.0, 3 / 12.0, 4 / 13.0, 5 / 14.0, 6 / 15.0, 7 / 16.0, 8 / 17.0, 0.5, 0.5 };
        for (var t = 0; t < decays.Length; t++)
        {
            var target = t + 1f;
            Set(raw, target);
            ema.Update(raw);
            expected = (float)(decays[t] * expected + (1 - decays[t]) * target);
            foreach (var p in ema.Average.parameters()) Assert.All(p.data<float>().ToArray(), v => Assert.Equal(expected, v, 4));
        }

        Assert.Equal(decays.Length, ema.Updates);
        // Running statistics: the raw generator's, copied (not averaged).
        var (rawMean, averageMean) = (RunningMean(raw), RunningMean(ema.Average));
        Assert.Equal(rawMean, averageMean);
        Assert.All(averageMean, v => Assert.Equal(decays.Length, v));
    }

    [Fact]
    public void Trainer_WithEma_ServesTheAverage_AndLeavesTheRawGeneratorToTrain()
    {
        var (trainer, random) = TrainingHarness.Create(
            ToyDataset.EightGaussians, GanVariant.WganGp, new HyperparameterSpec { Seed = 3, BatchSize = 32, GeneratorEma = 0.99 });
        using var _ = trainer;
        using var __ = random;
        for (var i = 0; i < 5; i++) trainer.Step();

        Assert.Same(trainer.Ema!.Average, trainer.ServedGenerator);
        Assert.Equal(5, trainer.Ema.Updates);
        var (served, raw) = (Flat(trainer.ServedGenerator), Flat(trainer.Generator));
        Assert.NotEqual(raw, served);
    }

    /// <summary>Linear(2 → 2) then BatchNorm1d(2), every parameter 0.</summary>
    private static nn.Module<Tensor, Tensor> Tiny()
    {
        var module = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2));
        Set(module, 0f);
        return module;
    }

    /// <summary>Every parameter and the BatchNorm running mean set to <paramref name="value"/>.</summary>
    private static void Set(nn.Module<Tensor, Tensor> module, float value)
    {
        using var noGrad = no_grad();
        foreach (var p in module.parameters()) p.fill_(value);
        foreach (var (name, buffer) in module.named_buffers())
            if (name.EndsWith("running_mean", StringComparison.Ordinal)) buffer.fill_(value);
    }

    private static float[] RunningMean(nn.Module<Tensor, Tensor> module) =>
        module.named_buffers().Single(b => b.name.EndsWith("running_mean", StringComparison.Ordinal)).buffer.data<float>().ToArray();

    private static float[] Flat(nn.Module<Tensor, Tensor> module) =>
        [.. module.parameters().SelectMany(p => p.data<float>().ToArray())];
}
