using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WganService.Gan;

/// <summary>
/// The WGAN-GP authors' MNIST critic (gan_mnist.py's Discriminator, DIM = 64): image (N, 1, 28, 28) →
/// (N, 1) unbounded score. Conv 5×5 stride 2 (1 → DIM) → LeakyReLU(0.2) → Conv 5×5 s2 (DIM → 2·DIM) →
/// LeakyReLU → Conv 5×5 s2 (2·DIM → 4·DIM) → LeakyReLU → Flatten → Linear(4·4·4·DIM, 1); the side goes
/// 28 → 14 → 7 → 4, as with TensorFlow's 'SAME' padding (padding 2 here). No normalisation: the script
/// adds BatchNorm only in its weight-clipping mode, and none in its WGAN-GP mode, which this follows.
/// Saved names: <c>layers.{index}.*</c>.
/// </summary>
public sealed class DcganMnistCritic : Module<Tensor, Tensor>
{
    // tflib's LeakyReLU default in the script: max(0.2·x, x).
    private const double LeakySlope = 0.2;
    private const int Dim = DcganMnistGenerator.Dim;

    // Field name becomes the saved parameter prefix: renaming breaks stored weights.
    private readonly Module<Tensor, Tensor> layers;

    public DcganMnistCritic() : base(nameof(DcganMnistCritic))
    {
        layers = Sequential(
            Conv2d(1, Dim, 5, stride: 2, padding: 2),
            new ScalarSafe.LeakyReLU(LeakySlope),
            Conv2d(Dim, 2 * Dim, 5, stride: 2, padding: 2),
            new ScalarSafe.LeakyReLU(LeakySlope),
            Conv2d(2 * Dim, 4 * Dim, 5, stride: 2, padding: 2),
            new ScalarSafe.LeakyReLU(LeakySlope),
            Flatten(),
            Linear(4 * 4 * 4 * Dim, 1));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => layers.forward(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
