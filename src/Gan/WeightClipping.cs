using TorchSharp;
using static TorchSharp.torch;

namespace WganService.Gan;

/// <summary>WGAN's crude Lipschitz constraint: every critic parameter clamped to [−c, c] after each update.</summary>
public static class WeightClipping
{
    public static void Clip(nn.Module critic, double clipValue)
    {
        using var noGrad = no_grad();
        // Held, not converted per call: see ScalarSafe.Adam.
        using var min = (-clipValue).ToScalar();
        using var max = clipValue.ToScalar();
        foreach (var parameter in critic.parameters())
            parameter.clamp_(min, max);
    }
}
