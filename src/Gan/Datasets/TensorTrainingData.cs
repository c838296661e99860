using static TorchSharp.torch;

namespace WganService.Gan.Datasets;

/// <summary>Batches drawn uniformly with replacement from a finite set of samples held on the device.</summary>
public sealed class TensorTrainingData(Tensor samples, Generator random) : ITrainingData, IDisposable
{
    public Tensor NextBatch(int batchSize)
    {
        var index = randint(0, samples.shape[0], [batchSize], generator: random, device: samples.device);
        return samples.index_select(0, index);
    }

    public void Dispose() => samples.Dispose();
}
