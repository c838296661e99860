using static TorchSharp.torch;

namespace WganService.Gan;

/// <summary>
/// The Wasserstein losses. The critic maximises E[C(real)] − E[C(fake)], so it minimises the
/// negation; −(critic loss) estimates the Wasserstein-1 distance while the critic is 1-Lipschitz.
/// </summary>
public static class WassersteinLoss
{
    /// <summary>E[C(fake)] − E[C(real)] (without any penalty).</summary>
    public static Tensor Critic(Tensor realScores, Tensor fakeScores) => fakeScores.mean() - realScores.mean();

    /// <summary>−E[C(G(z))].</summary>
    public static Tensor Generator(Tensor fakeScores) => -fakeScores.mean();
}
