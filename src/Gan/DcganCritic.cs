using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WganService.Gan;

/// <summary>
/// DCGAN critic, the mirror of <see cref="DcganGenerator"/>: image (N, C, S, S) → (N, 1) unbounded
/// score. No sigmoid: a Wasserstein critic estimates a distance, not a probability. Stride-2
/// convolutions (kernel 4, padding 1) halve the size and double the channels from 64, each followed by
/// LeakyReLU(0.2); every convolution but the first is normalised per <see cref="CriticNormalization"/>
/// ([norm] below: nothing, LayerNorm over (channels, h, w), or BatchNorm2d(channels)).
/// <list type="bullet">
/// <item>S = 28 (exactly wgan_reference.py's critic28): Conv(C, 64) → LeakyReLU → Conv(64, 128) →
/// [norm] → LeakyReLU → Flatten → Linear(128·7·7, 1).</item>
/// <item>S = 32: Conv(C, 64) → LeakyReLU → Conv(64, 128) → [norm] → LeakyReLU → Conv(128, 256) →
/// [norm] → LeakyReLU → Flatten → Linear(256·4·4, 1).</item>
/// <item>S = 64: Conv(C, 64) → LeakyReLU → Conv(64, 128) → [norm] → LeakyReLU → Conv(128, 256) →
/// [norm] → LeakyReLU → Conv(256, 512) → [norm] → LeakyReLU → Flatten → Linear(512·4·4, 1).</item>
/// </list>
/// Saved names: <c>layers.{index}.*</c>, indices as in the reference's Sequential.
/// </summary>
public sealed class DcganCritic : Module<Tensor, Tensor>
{
    private const double LeakySlope = 0.2;

    // Field name becomes the saved parameter prefix: renaming breaks stored weights.
    private readonly Module<Tensor, Tensor> layers;

    /// <param name="channels">Image channels, 1 to 4.</param>
    /// <param name="imageSize">Side of the square image: 28, 32 or 64.</param>
    /// <param name="normalization">What follows every convolution but the first.</param>
    public DcganCritic(int channels, int imageSize, CriticNormalization normalization) : base(nameof(DcganCritic))
    {
        var layout = DcganLayout.For(imageSize, channels);
        if (!Enum.IsDefined(normalization))
        {
            throw new ArgumentOutOfRangeException(nameof(normalization), normalization, "Unknown critic normalisation.");
        }

        layers = Sequential(Layers(layout, channels, normalization));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => layers.forward(input);

    private static List<Module<Tensor, Tensor>> Layers(DcganLayout layout, int channels, CriticNormalization normalization)
    {
        // No normalisation on the first convolution, as in DCGAN: it would discard the input's scale.
        var result = new List<Module<Tensor, Tensor>>
        {
            Conv2d(channels, DcganLayout.BaseChannels, 4, stride: 2, padding: 1),
            new ScalarSafe.LeakyReLU(LeakySlope),
        };

        var size = layout.ImageSize / 2;
        for (var stage = 2; stage <= layout.Stages; stage++)
        {
            var outChannels = DcganLayout.ChannelsAt(stage);
            size /= 2;
            result.Add(Conv2d(outChannels / 2, outChannels, 4, stride: 2, padding: 1));
            var norm = Normalization(normalization, outChannels, size);
            if (norm is not null) result.Add(norm);
            result.Add(new ScalarSafe.LeakyReLU(LeakySlope));
        }

        result.Add(Flatten());
        result.Add(Linear((long)layout.WidestChannels * layout.BaseSize * layout.BaseSize, 1));
        return result;
    }

    private static Module<Tensor, Tensor>? Normalization(CriticNormalization kind, long channels, long size) => kind switch
    {
        CriticNormalization.None => null,
        // Over the whole (C, H, W) map of one sample, with PyTorch's default per-element affine.
        CriticNormalization.Layer => LayerNorm([channels, size, size]),
        CriticNormalization.Batch => BatchNorm2d(channels),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown critic normalisation."),
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
