using WganService.Gan.Datasets;
using WganService.Gan.Serving;
using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Gan.Evaluation;
using WganService.Domain.Jobs;
using WganService.Domain.Training;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan;

/// <summary>Builds a real trainer on a toy set, on the CPU, from a job spec as the service would.</summary>
internal static class TrainingHarness
{
    public static (WganTrainer Trainer, Generator Random) Create(
        ToyDataset dataset, GanVariant variant, HyperparameterSpec? overrides = null, bool? oneCriticPass = null)
    {
        // Seeded results depend on the thread count: one thread gives the same numbers on every machine.
        set_num_threads(1);
        var spec = new JobSpec
        {
            Dataset = dataset.Name, Variant = variant, Hyperparameters = overrides ?? new HyperparameterSpec { Seed = 1 },
        };
        var (job, errors) = JobSpecResolver.Resolve(spec, dataset.Info);
        Assert.False(errors.Any);
        var h = job!.Hyperparameters;
        var random = new Generator((ulong)h.Seed);
        // The networks (and the average, when asked for) live as long as the test process.
        var data = new ToyTrainingData(dataset, random, CPU);
        var (trainer, _) = TrainerFactory.Create(variant, job.Architecture, h, dataset.Info, data, random, CPU, oneCriticPass);
        return (trainer, random);
    }

    /// <summary>A DCGAN trainer on <paramref name="count"/> uniform-noise images of 1×28×28.</summary>
    public static (WganTrainer Trainer, IDisposable Owned) CreateImages(
        GanVariant variant, HyperparameterSpec spec, bool? oneCriticPass = null, int count = 256)
    {
        set_num_threads(1);
        var info = new DatasetInfo("noise-28x28", DatasetKind.Images, [1, 28, 28], BuiltIn: false);
        var (job, errors) = JobSpecResolver.Resolve(
            new JobSpec { Dataset = info.Name, Variant = variant, Architecture = NetworkArchitecture.Dcgan, Hyperparameters = spec }, info);
        Assert.False(errors.Any);
        var h = job!.Hyperparameters;
        var random = new Generator((ulong)h.Seed);
        var data = new TensorTrainingData(rand([count, 1, 28, 28], generator: random) * 2 - 1, random);
        var (trainer, owned) = TrainerFactory.Create(variant, job.Architecture, h, info, data, random, CPU, oneCriticPass);
        return (trainer, new CompositeDisposable(random, data, owned));
    }

    public static ModeCoverage Coverage(WganTrainer trainer, ToyDataset dataset, int latentDim = 2)
    {
        var latents = Latents.FromSeed(ModeCoverage.StandardSampleCount, latentDim, seed: 123);
        var samples = BatchedForward.For(trainer.Generator, latentDim, CPU).Run([latents])[0];
        using var points = tensor(samples, [ModeCoverage.StandardSampleCount, 2]);
        return ModeCoverage.Measure(points, dataset.Centres!, dataset.StandardDeviation);
    }
}
