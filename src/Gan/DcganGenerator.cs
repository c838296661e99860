using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WganService.Gan;

/// <summary>
/// DCGAN generator (Radford et al. 2016): latent (N, latentDim) → image (N, C, S, S) in [−1, 1].
/// A linear projection to the smallest feature map, then stride-2 transposed convolutions (kernel 4,
/// padding 1) that double the size and halve the channels, BatchNorm + ReLU between them, Tanh last.
/// <list type="bullet">
/// <item>S = 28 (exactly wgan_reference.py's Generator28): Linear(z, 128·7·7) → view (128, 7, 7) →
/// BatchNorm2d(128) → ConvT(128, 64) → BatchNorm2d(64) → ReLU → ConvT(64, C) → Tanh.</item>
/// <item>S = 32: Linear(z, 256·4·4) → view (256, 4, 4) → BatchNorm2d(256) → ReLU → ConvT(256, 128) →
/// BatchNorm2d(128) → ReLU → ConvT(128, 64) → BatchNorm2d(64) → ReLU → ConvT(64, C) → Tanh.</item>
/// <item>S = 64: Linear(z, 512·4·4) → view (512, 4, 4) → BatchNorm2d(512) → ReLU → ConvT(512, 256) →
/// BatchNorm2d(256) → ReLU → ConvT(256, 128) → BatchNorm2d(128) → ReLU → ConvT(128, 64) →
/// BatchNorm2d(64) → ReLU → ConvT(64, C) → Tanh.</item>
/// </list>
/// Saved names: <c>fc.*</c> and <c>conv.{index}.*</c>, the same keys as the PyTorch reference.
/// </summary>
public sealed class DcganGenerator : Module<Tensor, Tensor>
{
    // Field names become saved parameter names: renaming breaks stored weights.
    private readonly Module<Tensor, Tensor> fc;
    private readonly Module<Tensor, Tensor> conv;

    private readonly long _baseChannels;
    private readonly long _baseSize;

    /// <param name="latentDim">Length of the noise vector.</param>
    /// <param name="channels">Image channels, 1 to 4.</param>
    /// <param name="imageSize">Side of the square image: 28, 32 or 64.</param>
    public DcganGenerator(int latentDim, int channels, int imageSize) : base(nameof(DcganGenerator))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latentDim, 1);
        var layout = DcganLayout.For(imageSize, channels);
        _baseChannels = layout.WidestChannels;
        _baseSize = layout.BaseSize;

        fc = Linear(latentDim, _baseChannels * _baseSize * _baseSize);
        conv = Sequential(UpsamplingLayers(layout, channels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) =>
        conv.forward(fc.forward(input).view(input.shape[0], _baseChannels, _baseSize, _baseSize));

    private static List<Module<Tensor, Tensor>> UpsamplingLayers(DcganLayout layout, int channels)
    {
        var layers = new List<Module<Tensor, Tensor>> { BatchNorm2d(layout.WidestChannels) };
        if (layout.ReluAfterProjection) layers.Add(ReLU());

        for (var stage = layout.Stages; stage > 1; stage--)
        {
            var inChannels = DcganLayout.ChannelsAt(stage);
            layers.Add(ConvTranspose2d(inChannels, inChannels / 2, 4, stride: 2, padding: 1));
            layers.Add(BatchNorm2d(inChannels / 2));
            layers.Add(ReLU());
        }

        layers.Add(ConvTranspose2d(DcganLayout.BaseChannels, channels, 4, stride: 2, padding: 1));
        layers.Add(Tanh());
        return layers;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fc.Dispose();
            conv.Dispose();
        }
        base.Dispose(disposing);
    }
}
