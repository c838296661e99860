using TorchSharp;
using static TorchSharp.torch;

namespace WganService.Gan;

/// <summary>
/// WGAN-GP's penalty E[(‖∇C(x̂)‖₂ − 1)²] at points x̂ drawn uniformly on the lines between paired
/// real and fake samples (Gulrajani et al. 2017, Algorithm 1).
/// </summary>
public static class GradientPenalty
{
    public static Tensor Compute(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake, Generator? generator)
    {
        // A failure inside autograd.grad aborts the process (the native call has no guard), so
        // everything it could trip over is checked here first.
        if (!real.shape.SequenceEqual(fake.shape))
            throw new ArgumentException($"Real {Shape(real)} and fake {Shape(fake)} batches differ in shape.", nameof(fake));
        if (real.dtype != fake.dtype || real.device_type != fake.device_type || real.device_index != fake.device_index)
            throw new ArgumentException("Real and fake batches must share dtype and device.", nameof(fake));

        // One ε per sample, broadcast over the remaining dimensions.
        var alphaShape = new long[real.dim()];
        Array.Fill(alphaShape, 1);
        alphaShape[0] = real.shape[0];
        var alpha = rand(alphaShape, dtype: real.dtype, device: real.device, generator: generator);

        // α·real + (1 − α)·fake, the same arithmetic as the operators would do, but with the scalar held: one
        // converted per call can be freed by a garbage collection while the kernel reads it (see ScalarSafe.Adam).
        using var one = 1.ToScalar();
        var fakeWeight = alpha.neg().add_(one, one);
        var interpolates = (alpha * real.detach()).add_(fakeWeight * fake.detach(), one).requires_grad_(true);
        var scores = critic.forward(interpolates);
        // create_graph so the penalty itself is differentiable; retain_graph because the caller's
        // backward() walks this graph again (TorchSharp defaults retain_graph to false).
        var gradients = autograd.grad(
            [scores.sum()], [interpolates], retain_graph: true, create_graph: true)[0];
        var norms = gradients.flatten(1).norm(1, keepdim: false, p: 2);
        return (norms - one).square().mean();
    }

    private static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";
}
