using TorchSharp;
using WganService.Gan.Datasets;
using static TorchSharp.torch;

namespace WganService.Gan;

/// <summary>
/// Builds a job's generator and critic: the one place that maps a job spec to network shapes, used by
/// the trainer and by /generate alike.
/// </summary>
public static class GanNetworks
{
    // Default layer initialisation draws from the process-wide generator: seeding and building must
    // not interleave with another job doing the same.
    internal static readonly Lock InitialisationLock = new();

    public static nn.Module<Tensor, Tensor> CreateGenerator(NetworkArchitecture architecture, Hyperparameters h, DatasetInfo data) =>
        architecture switch
        {
            NetworkArchitecture.Mlp => new Mlp(h.LatentDim, data.SampleSize),
            NetworkArchitecture.Dcgan => new DcganGenerator(h.LatentDim, data.SampleShape[0], data.SampleShape[^1]),
            NetworkArchitecture.DcganMnist when data.SampleShape is [1, 28, 28] => new DcganMnistGenerator(h.LatentDim),
            NetworkArchitecture.DcganMnist => throw MnistShapeOnly(data),
            _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture."),
        };

    public static nn.Module<Tensor, Tensor> CreateCritic(NetworkArchitecture architecture, Hyperparameters h, DatasetInfo data) =>
        architecture switch
        {
            NetworkArchitecture.Mlp => new Mlp(data.SampleSize, 1),
            NetworkArchitecture.Dcgan =>
                new DcganCritic(data.SampleShape[0], data.SampleShape[^1], h.CriticNormalization ?? CriticNormalization.Layer),
            NetworkArchitecture.DcganMnist when data.SampleShape is [1, 28, 28] => new DcganMnistCritic(),
            NetworkArchitecture.DcganMnist => throw MnistShapeOnly(data),
            _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture."),
        };

    // JobSpecResolver refuses such a job with a 400; this guards every other way in.
    private static ArgumentException MnistShapeOnly(DatasetInfo data) =>
        new($"dcgan-mnist takes images of shape [1, 28, 28], not [{string.Join(", ", data.SampleShape)}].", nameof(data));

    /// <summary>
    /// A trained generator on the CPU from its stored weights. Built under the initialisation lock:
    /// its throw-away default initialisation must not draw from the process-wide generator while a job
    /// seeds and builds its networks.
    /// </summary>
    public static nn.Module<Tensor, Tensor> LoadGenerator(
        NetworkArchitecture architecture, Hyperparameters h, DatasetInfo data, byte[] weights)
    {
        nn.Module<Tensor, Tensor> generator;
        lock (InitialisationLock) generator = CreateGenerator(architecture, h, data);
        try
        {
            GeneratorWeights.Load(generator, weights);
            return generator;
        }
        catch
        {
            generator.Dispose();
            throw;
        }
    }

    /// <summary>Both networks, initialised reproducibly from the job's seed, on <paramref name="device"/>.</summary>
    public static (nn.Module<Tensor, Tensor> Generator, nn.Module<Tensor, Tensor> Critic) CreatePair(
        NetworkArchitecture architecture, Hyperparameters h, DatasetInfo data, Device device)
    {
        lock (InitialisationLock)
        {
            manual_seed(h.Seed);
            var generator = CreateGenerator(architecture, h, data).to(device);
            var critic = CreateCritic(architecture, h, data).to(device);
            return (generator, critic);
        }
    }

    /// <summary>
    /// The moving average of <paramref name="generator"/> the job asks for (<c>generatorEma</c>), or null when
    /// it is off. Built after the pair under the initialisation lock: its throw-away initialisation must not
    /// shift the seeded one of this job or another.
    /// </summary>
    public static GeneratorEma? CreateEma(
        NetworkArchitecture architecture, Hyperparameters h, DatasetInfo data, nn.Module<Tensor, Tensor> generator, Device device)
    {
        if (h.GeneratorEma == 0) return null;
        nn.Module<Tensor, Tensor> average;
        lock (InitialisationLock) average = CreateGenerator(architecture, h, data).to(device);
        return new GeneratorEma(average, generator, h.GeneratorEma);
    }
}
