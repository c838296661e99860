using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WganService.Gan.Evaluation;

/// <summary>
/// The critic's Wasserstein estimate read at an evaluation: its mean score of the held-out real samples
/// minus its mean score of the evaluation's generated samples. It is taken of the same generator, at the
/// same moment and on the same samples as the SWD or FD beside it, which the mean of the training steps'
/// estimates since the previous evaluation is not (it lags by half an interval and reads training batches).
/// One 20-minute MNIST run (bench/QualityBench, dcgan-mnist at lr 5e-4): Spearman(W, FD) over 8 marks 0.83
/// with this reading against 0.74 with the training mean (docs/results.md).
/// </summary>
/// <remarks>
/// The critic scores as it was trained. A critic without BatchNorm scores each sample on its own (eval mode).
/// A BatchNorm critic (wgan's) is trained on real and fake batches normalised each by its own statistics
/// (<see cref="CriticScores"/>), and its loss is that function's; read with its running statistics (eval
/// mode), which blend real and fake batches of past weights, it is another function: on a 20-minute MNIST
/// `wgan` job that reading swung between 0.050 and −0.002 while the training estimate fell steadily from
/// 0.091 to 0.029 with the FD (docs/results.md). So a BatchNorm critic reads each set in training mode, in
/// batches of its own, and its running statistics are put back as they were.
/// </remarks>
public static class HeldOutWasserstein
{
    /// <summary>Scored in batches of this many samples, as generation is (bounds activation memory).</summary>
    public const int Batch = 256;

    public static double Read(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor generated)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // A batch of one has no batch statistics: a held-out set that small is read with the running ones.
        var batchNorms = real.shape[0] > 1 && generated.shape[0] > 1 ? critic.modules().OfType<BatchNorm>().ToList() : [];
        var wasTraining = critic.training;
        var kept = batchNorms.Select(RunningStatistics).ToList();
        critic.train(batchNorms.Count > 0);
        try
        {
            return MeanScore(critic, real) - MeanScore(critic, generated);
        }
        finally
        {
            foreach (var (saved, norm) in kept.Zip(batchNorms)) Restore(norm, saved);
            critic.train(wasTraining);
        }
    }

    // Batches of near-equal size, so none is a straggler of one or two samples whose statistics would be noise.
    private static double MeanScore(nn.Module<Tensor, Tensor> critic, Tensor samples)
    {
        var batches = samples.chunk((samples.shape[0] + Batch - 1) / Batch);
        return cat([.. batches.Select(critic.forward)], 0).to(ScalarType.Float64).mean().item<double>();
    }

    // Training-mode passes move the running statistics and count batches: copies to put back afterwards.
    private static Tensor?[] RunningStatistics(BatchNorm norm) =>
        [norm.running_mean?.clone(), norm.running_var?.clone(), norm.num_batches_tracked?.clone()];

    private static void Restore(BatchNorm norm, Tensor?[] saved)
    {
        Tensor?[] live = [norm.running_mean, norm.running_var, norm.num_batches_tracked];
        foreach (var (buffer, copy) in live.Zip(saved))
            if (buffer is not null && copy is not null) buffer.copy_(copy);
    }
}
