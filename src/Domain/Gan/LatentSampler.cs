using static TorchSharp.torch;

namespace WganService.Domain.Gan;

/// <summary>Draws samples from a trained generator; the same seed gives the same samples.</summary>
public static class LatentSampler
{
    /// <returns>count × sample size, float32, on the CPU.</returns>
    public static float[] Sample(nn.Module<Tensor, Tensor> generator, int count, int latentDim, long seed, Device device)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // Latents are drawn on the CPU so a seed means the same samples on every device.
        var random = new Generator((ulong)seed);
        var latents = randn([count, latentDim], generator: random).to(device);
        var samples = generator.forward(latents).to(CPU).contiguous();
        return samples.data<float>().ToArray();
    }
}
