using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WganService.Gan;

/// <summary>
/// The WGAN-GP authors' toy network: three hidden layers of 512 with ReLU and a linear output.
/// Used as the generator (latent → data) and as the critic (data → one unbounded score).
/// </summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    public const int DefaultHidden = 512;

    /// <summary>Hidden layers (each Linear + ReLU) before the output layer.</summary>
    public const int HiddenLayers = 3;

    // Field names become saved parameter names ("layers.0.weight"): renaming breaks stored weights.
    private readonly Module<Tensor, Tensor> layers;

    public Mlp(int inputs, int outputs, int hidden = DefaultHidden) : base(nameof(Mlp))
    {
        // Linear(inputs, hidden), ReLU, then (Linear(hidden, hidden), ReLU) for the other hidden layers,
        // then Linear(hidden, outputs): the Linear layers are "layers.0", "layers.2", "layers.4", "layers.6".
        var stack = new List<Module<Tensor, Tensor>>();
        for (var layer = 0; layer < HiddenLayers; layer++)
        {
            stack.Add(Linear(layer == 0 ? inputs : hidden, hidden));
            stack.Add(ReLU());
        }
        stack.Add(Linear(hidden, outputs));
        layers = Sequential(stack);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => layers.forward(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
