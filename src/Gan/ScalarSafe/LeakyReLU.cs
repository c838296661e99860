using TorchSharp;
using static TorchSharp.torch;

namespace WganService.Gan.ScalarSafe;

/// <summary>
/// LeakyReLU whose slope is one <see cref="Scalar"/> held for the module's life. TorchSharp's module converts its
/// slope to a new Scalar on every forward, which a garbage collection may free while the kernel reads it (see
/// <see cref="Adam"/>). No parameters or buffers, so a network's saved names are the same as with the library's.
/// </summary>
public sealed class LeakyReLU(double negativeSlope) : nn.Module<Tensor, Tensor>(nameof(LeakyReLU))
{
    private readonly Scalar _negativeSlope = negativeSlope.ToScalar();

    public override Tensor forward(Tensor input) => input.leaky_relu(_negativeSlope);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _negativeSlope.Dispose();
        base.Dispose(disposing);
    }
}
