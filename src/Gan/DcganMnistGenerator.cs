using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WganService.Gan;

/// <summary>
/// The WGAN-GP authors' MNIST generator (Gulrajani et al. 2017, gan_mnist.py in
/// igul222/improved_wgan_training, DIM = 64): latent (N, z) → image (N, 1, 28, 28) in [−1, 1].
/// Linear(z, 4·4·4·DIM) → ReLU → view (4·DIM, 4, 4) → Deconv 5×5 (4·DIM → 2·DIM) → ReLU → crop 8×8 to
/// 7×7 → Deconv 5×5 (2·DIM → DIM) → ReLU → Deconv 5×5 (DIM → 1) → Tanh; each deconvolution doubles
/// the side (4 → 8, 7 → 14 → 28).
/// What was followed, and where it differs:
/// <list type="bullet">
/// <item>No BatchNorm: the script adds it only in its MODE == 'wgan' (weight clipping); its WGAN-GP mode,
/// the one the paper reports for MNIST, has none, and this is that network.</item>
/// <item>Tanh, not the script's sigmoid: its MNIST pixels are in [0, 1], ours are scaled to [−1, 1] by the
/// dataset readers (SampleValues), so the output must cover that range.</item>
/// <item>TensorFlow's stride-2 'SAME' deconvolution is written as ConvTranspose2d(kernel 5, stride 2,
/// padding 2, output_padding 1), which also exactly doubles the side; weights start from TorchSharp's
/// default initialisation rather than tflib's.</item>
/// <item>The latent length is the job's (128 by default for this architecture, as in the script).</item>
/// </list>
/// Saved names: <c>fc.*</c>, <c>deconv1.*</c>, <c>deconv2.*</c>, <c>deconv3.*</c>.
/// </summary>
public sealed class DcganMnistGenerator : Module<Tensor, Tensor>
{
    /// <summary>The script's model width: channels next to the image; 2× and 4× it further in.</summary>
    public const int Dim = 64;

    public const int ImageSize = 28;

    /// <summary>The script's noise length, the default for jobs on this architecture.</summary>
    public const int DefaultLatentDim = 128;

    /// <summary>Side of the map the projection is viewed as.</summary>
    public const int BaseSize = 4;

    /// <summary>Side the first deconvolution's 8×8 output is cropped to, so two more doublings reach 28.</summary>
    public const int CroppedSize = 7;

    // Field names become saved parameter names: renaming breaks stored weights.
    private readonly Module<Tensor, Tensor> fc;
    private readonly Module<Tensor, Tensor> deconv1;
    private readonly Module<Tensor, Tensor> deconv2;
    private readonly Module<Tensor, Tensor> deconv3;

    /// <param name="latentDim">Length of the noise vector.</param>
    public DcganMnistGenerator(int latentDim) : base(nameof(DcganMnistGenerator))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latentDim, 1);
        fc = Linear(latentDim, 4 * Dim * BaseSize * BaseSize);
        deconv1 = Doubling(4 * Dim, 2 * Dim);
        deconv2 = Doubling(2 * Dim, Dim);
        deconv3 = Doubling(Dim, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = functional.relu(fc.forward(input)).view(input.shape[0], 4 * Dim, BaseSize, BaseSize);
        // 8×8 cropped to 7×7 (output[:, :, :7, :7] in the script), so two more doublings reach 28.
        x = functional.relu(deconv1.forward(x)).narrow(2, 0, CroppedSize).narrow(3, 0, CroppedSize);
        x = functional.relu(deconv2.forward(x));
        return tanh(deconv3.forward(x));
    }

    private static Module<Tensor, Tensor> Doubling(long inChannels, long outChannels) =>
        ConvTranspose2d(inChannels, outChannels, 5, stride: 2, padding: 2, output_padding: 1);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fc.Dispose();
            deconv1.Dispose();
            deconv2.Dispose();
            deconv3.Dispose();
        }
        base.Dispose(disposing);
    }
}
