using TorchSharp;
using static TorchSharp.torch;

namespace WganService.Gan;

/// <summary>
/// The critic's scores of a real and a fake batch. Where every layer scores each sample on its own,
/// both batches go through in one pass: fewer, larger matrix products and one dispatch per layer
/// instead of two, the same function.
/// </summary>
public static class CriticScores
{
    /// <summary>False where a layer depends on its whole batch: BatchNorm normalises by the batch's
    /// statistics, so a joint batch would mix real and fake ones and change the critic.</summary>
    public static bool CanScoreJointly(nn.Module critic) =>
        !critic.modules().Any(m => m is TorchSharp.Modules.BatchNorm1d or TorchSharp.Modules.BatchNorm2d);

    public static (Tensor Real, Tensor Fake) Score(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake, bool jointly)
    {
        if (!jointly) return (critic.forward(real), critic.forward(fake));
        var scores = critic.forward(cat([real, fake]));
        return (scores.narrow(0, 0, real.shape[0]), scores.narrow(0, real.shape[0], fake.shape[0]));
    }
}
