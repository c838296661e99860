using static TorchSharp.torch;

namespace WganService.Gan.Datasets;

/// <summary>Real samples for the critic, already on the training device.</summary>
public interface ITrainingData
{
    /// <summary>The next batch (batch × sample shape). The caller's dispose scope owns it.</summary>
    Tensor NextBatch(int batchSize);
}
