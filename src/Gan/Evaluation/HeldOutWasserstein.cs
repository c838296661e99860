using static TorchSharp.torch;

namespace WganService.Gan.Evaluation;

/// <summary>
/// The critic's Wasserstein estimate read at an evaluation: its mean score of the held-out real samples
/// minus its mean score of the evaluation's generated samples, both in eval mode. It is taken of the
/// same generator, at the same moment and on the same samples as the SWD or FD beside it, which the mean
/// of the training steps' estimates since the previous evaluation is not (it lags by half an interval and
/// reads training batches). One 20-minute MNIST run (bench/QualityBench, dcgan-mnist at lr 5e-4): Spearman(W, FD)
/// over 8 marks 0.83 with this reading against 0.74 with the training mean (docs/results.md).
/// </summary>
public static class HeldOutWasserstein
{
    /// <summary>Scored in batches of this many samples, as generation is (bounds activation memory).</summary>
    public const int Batch = 256;

    public static double Read(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor generated)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // eval(): a BatchNorm critic (wgan's) scores with its running statistics, so a sample's score
        // does not depend on which others share its batch.
        var wasTraining = critic.training;
        critic.eval();
        try
        {
            return MeanScore(critic, real) - MeanScore(critic, generated);
        }
        finally
        {
            if (wasTraining) critic.train();
        }
    }

    private static double MeanScore(nn.Module<Tensor, Tensor> critic, Tensor samples) =>
        cat([.. samples.split(Batch).Select(critic.forward)], 0).to(ScalarType.Float64).mean().item<double>();
}
