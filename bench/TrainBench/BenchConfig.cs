using WganService.Domain;
using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Domain.Jobs;
using WganService.Domain.Training;
using WganService.Gan.Datasets;
using static TorchSharp.torch;

namespace WganService.Bench.Train;

/// <summary>
/// The configs of shared/reference/wgan_reference.py, built the way the service builds a job: its
/// networks, optimisers, batch sizes and n_critic, resolved from a job spec.
/// </summary>
public sealed record BenchConfig(string Name, GanVariant Variant, DatasetInfo Data, HyperparameterSpec Spec)
{
    private static readonly DatasetInfo Mnist28 = new("random-28x28", DatasetKind.Images, [1, 28, 28], BuiltIn: false);

    public static readonly BenchConfig[] All =
    [
        // Defaults for 8-gaussians WGAN-GP are the reference's: Adam(1e-4, 0.5, 0.9), λ 0.1, batch 256.
        new("toy-gp", GanVariant.WganGp, ToyDataset.EightGaussians.Info, new HyperparameterSpec { BatchSize = 256 }),
        // n_critic 5 every step, as the reference runs it (wgan's default bursts of 100 would not compare).
        new("dcgan28-clip", GanVariant.Wgan, Mnist28, new HyperparameterSpec
        {
            BatchSize = 128, CriticNormalization = CriticNormalization.Batch, CriticSchedule = CriticSchedule.Constant,
        }),
        // The reference's GP critic has no normalisation at all (the service's default for wgan-gp is LayerNorm).
        // Named dcgan: 28×28 greyscale WGAN-GP would otherwise take the MNIST recipe's networks, not the reference's.
        new("dcgan28-gp", GanVariant.WganGp, Mnist28,
            new HyperparameterSpec { BatchSize = 128, CriticNormalization = CriticNormalization.None })
            { Architecture = NetworkArchitecture.Dcgan },
    ];

    /// <summary>The architecture the job asks for; null leaves it to the resolver, as a client that names none.</summary>
    public NetworkArchitecture? Architecture { get; init; }

    public Hyperparameters Resolve(out NetworkArchitecture architecture)
    {
        var spec = new JobSpec
        {
            Dataset = Data.Name, Variant = Variant, Architecture = Architecture, Hyperparameters = Spec with { Seed = Spec.Seed ?? 1 },
        };
        var (job, errors) = JobSpecResolver.Resolve(spec, Data);
        if (job is null)
            throw new InvalidOperationException(
                $"{Name}: {string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key} {string.Join(' ', e.Value)}"))}");
        architecture = job.Architecture;
        return job.Hyperparameters;
    }

    /// <summary>A trainer on this config, with data like the reference's (the ring, or uniform noise images).</summary>
    /// <param name="oneCriticPass">Null for the trainer's own choice (as a job gets it); true or false to force one.</param>
    /// <param name="images">Real training images (n, C, H, W) in [−1, 1] instead of noise; the trainer's data takes ownership.</param>
    public (WganTrainer Trainer, IDisposable Owned) CreateTrainer(bool? oneCriticPass = null, Tensor? images = null)
    {
        var h = Resolve(out var architecture);
        var random = new Generator((ulong)h.Seed);
        ITrainingData data = Data.BuiltIn
            ? new ToyTrainingData(ToyDataset.EightGaussians, random, CPU)
            : new TensorTrainingData(images ?? rand([h.BatchSize * 64, 1, 28, 28], generator: random) * 2 - 1, random);
        // Networks, the generator's moving average when the spec asks for one, and the trainer: as a job gets them.
        var (trainer, owned) = TrainerFactory.Create(Variant, architecture, h, Data, data, random, CPU, oneCriticPass);
        return (trainer, new CompositeDisposable(random, data as IDisposable, owned));
    }

}
