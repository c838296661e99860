using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Domain.Jobs;
using WganService.Domain.Training;
using WganService.Gan.Datasets;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan;

public class CriticScheduleTests
{
    [Theory]
    [InlineData(0, 100)]
    [InlineData(24, 100)]
    [InlineData(25, 5)]
    [InlineData(499, 5)]
    [InlineData(500, 100)]  // the authors' gen_iterations % 500 == 0
    [InlineData(501, 5)]
    [InlineData(1000, 100)]
    public void WganPaper_BurstsAtTheStartAndEvery500thStep(int completedSteps, int expected)
    {
        Assert.Equal(expected, CriticUpdates.For(Resolve(CriticSchedule.WganPaper), completedSteps));
        Assert.Equal(5, CriticUpdates.For(Resolve(CriticSchedule.Constant), completedSteps));
    }

    [Theory]
    [InlineData(0, 2, 5)]
    [InlineData(299, 2, 5)]
    [InlineData(300, 2, 2)]
    [InlineData(5000, 2, 2)]
    [InlineData(0, 7, 7)]  // never fewer than the job's own n_critic
    public void WarmStart_RunsThePapersFiveForTheFirst300Steps(int completedSteps, int criticSteps, int expected)
    {
        var h = Resolve(CriticSchedule.WarmStart) with { CriticSteps = criticSteps };
        Assert.Equal(expected, CriticUpdates.For(h, completedSteps));
    }

    [Fact]
    public void Trainer_RunsAsManyCriticUpdatesAsTheScheduleSays()
    {
        set_num_threads(1);
        var h = Resolve(CriticSchedule.WganPaper) with { BatchSize = 8 };
        using var random = new Generator(1);
        var data = new CountingData(new ToyTrainingData(ToyDataset.EightGaussians, random, CPU));
        var (trainer, owned) = TrainerFactory.Create(
            GanVariant.Wgan, NetworkArchitecture.Mlp, h, ToyDataset.EightGaussians.Info, data, random, CPU);
        using var disposeTrainer = owned;

        var drawn = new List<int>();
        var reported = new List<int>();
        for (var i = 0; i < 27; i++)
        {
            var before = data.Batches;
            reported.Add(trainer.Step().CriticUpdates);
            drawn.Add(data.Batches - before);
        }

        // One real batch per critic update: 25 bursts of 100, then n_critic.
        int[] expected = [.. Enumerable.Repeat(100, 25), 5, 5];
        Assert.Equal(expected, drawn);
        Assert.Equal(expected, reported);
    }

    private static Hyperparameters Resolve(CriticSchedule schedule) => JobSpecResolver.Resolve(
        new JobSpec
        {
            Dataset = "8gaussians", Variant = GanVariant.Wgan,
            Hyperparameters = new HyperparameterSpec { Seed = 1, CriticSchedule = schedule },
        },
        ToyDataset.EightGaussians.Info).Job!.Hyperparameters;

    private sealed class CountingData(ITrainingData inner) : ITrainingData
    {
        public int Batches { get; private set; }

        public Tensor NextBatch(int batchSize)
        {
            Batches++;
            return inner.NextBatch(batchSize);
        }
    }
}
