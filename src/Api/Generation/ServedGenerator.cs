using WganService.Gan.Serving;
using static TorchSharp.torch;

namespace WganService.Api.Generation;

/// <summary>A generator loaded for serving: its network in eval mode, what it takes and gives, and its batcher.</summary>
public sealed class ServedGenerator : IAsyncDisposable
{
    private readonly nn.Module<Tensor, Tensor> _network;

    public ServedGenerator(nn.Module<Tensor, Tensor> network, int generatorStep, int latentDim, IReadOnlyList<int> sampleShape,
        long weightBytes, BatchingOptions batching)
    {
        _network = network;
        _network.eval(); // BatchNorm reads its running statistics: each sample independent of its batch.
        (GeneratorStep, LatentDim, SampleShape, WeightBytes) = (generatorStep, latentDim, sampleShape, weightBytes);
        Forward = BatchedForward.For(network, latentDim, CPU);
        Batcher = new DynamicBatcher(Forward, latentDim, batching);
    }

    /// <summary>The training step the loaded weights come from.</summary>
    public int GeneratorStep { get; }

    public int LatentDim { get; }
    public IReadOnlyList<int> SampleShape { get; }

    public int SampleSize => SampleShape.Aggregate(1, (a, b) => a * b);

    /// <summary>What the cache's memory budget counts: the stored weights, about the parameters' size.</summary>
    public long WeightBytes { get; }

    /// <summary>How this generator's requests are padded and combined (its row quantum is measured at load).</summary>
    public BatchedForward Forward { get; }

    public DynamicBatcher Batcher { get; }

    public async ValueTask DisposeAsync()
    {
        await Batcher.DisposeAsync();
        _network.Dispose();
    }
}
