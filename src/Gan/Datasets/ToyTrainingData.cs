using static TorchSharp.torch;

namespace WganService.Gan.Datasets;

/// <summary>Fresh toy samples for every batch, as the WGAN-GP authors' toy code draws them.</summary>
public sealed class ToyTrainingData(ToyDataset dataset, Generator random, Device device) : ITrainingData
{
    public Tensor NextBatch(int batchSize) => dataset.Sample(batchSize, random, device);
}
