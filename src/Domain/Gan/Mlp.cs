using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WganService.Domain.Gan;

/// <summary>
/// The WGAN-GP authors' toy network: three hidden layers of 512 with ReLU and a linear output.
/// Used as the generator (latent → data) and as the critic (data → one unbounded score).
/// </summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    public const int DefaultHidden = 512;

    // Field names become saved parameter names ("layers.0.weight"): renaming breaks stored weights.
    private readonly Module<Tensor, Tensor> layers;

    public Mlp(int inputs, int outputs, int hidden = DefaultHidden) : base(nameof(Mlp))
    {
        layers = Sequential(
            Linear(inputs, hidden), ReLU(),
            Linear(hidden, hidden), ReLU(),
            Linear(hidden, hidden), ReLU(),
            Linear(hidden, outputs));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => layers.forward(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
