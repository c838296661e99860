using WganService.Domain.Datasets;
using WganService.Domain.Jobs;
using WganService.Gan;
using WganService.Gan.Datasets;

namespace WganService.Domain.Tests.Gan;

public class TrainerTests
{
    [Fact]
    public void ShortEightGaussiansRun_LowersWassersteinEstimate()
    {
        var (trainer, random) = TrainingHarness.Create(ToyDataset.EightGaussians, GanVariant.WganGp,
            new HyperparameterSpec { Seed = 7, BatchSize = 64 });
        using var _ = trainer;
        using var __ = random;

        var estimates = Enumerable.Range(0, 400).Select(_ => trainer.Step().WassersteinEstimate).ToArray();

        // Once the critic has learned to tell the sets apart, the estimate must fall as samples improve.
        var early = estimates[20..70].Average();
        var late = estimates[350..].Average();
        Assert.True(late < 0.85 * early, $"W estimate early {early:F3}, late {late:F3}");
    }

    [Fact]
    public void WeightClippingRun_StepsWithoutAPenalty()
    {
        var (trainer, random) = TrainingHarness.Create(ToyDataset.EightGaussians, GanVariant.Wgan,
            new HyperparameterSpec { Seed = 7, BatchSize = 32, ClipValue = 0.02 });
        using var _ = trainer;
        using var __ = random;

        var metrics = Enumerable.Range(0, 5).Select(_ => trainer.Step()).ToArray();

        Assert.Equal(5, trainer.GeneratorStep);
        Assert.All(metrics, m => Assert.Null(m.GradientPenalty));
        Assert.All(metrics, m => Assert.True(double.IsFinite(m.WassersteinEstimate)));
    }

    [Fact]
    public void SameSeed_GivesSameMetrics()
    {
        double[] Run()
        {
            var (trainer, random) = TrainingHarness.Create(ToyDataset.EightGaussians, GanVariant.WganGp,
                new HyperparameterSpec { Seed = 99, BatchSize = 32 });
            using var _ = trainer;
            using var __ = random;
            return Enumerable.Range(0, 3).Select(_ => trainer.Step().CriticLoss).ToArray();
        }

        Assert.Equal(Run(), Run());
    }
}
