using System.Text.Json;
using System.Text.Json.Serialization;
using WganService.Gan.Datasets;

namespace WganService.Gan.Export;

/// <summary>
/// What a PyTorch user needs to rebuild a job's generator module, written as JSON into an exported
/// file's metadata (bench/export/load_generator.py reads it). Built from the same constants and layout
/// that <see cref="GanNetworks.CreateGenerator"/> builds the network from; properties that do not
/// belong to the architecture are null and left out of the JSON.
/// </summary>
public sealed record GeneratorDescription
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>"mlp", "dcgan" or "dcgan-mnist".</summary>
    public required string Architecture { get; init; }

    public required int LatentDim { get; init; }

    /// <summary>One sample's shape: [D] for vectors, [C, H, W] for images.</summary>
    public required IReadOnlyList<int> SampleShape { get; init; }

    /// <summary>mlp: width of each hidden Linear layer.</summary>
    public int? Hidden { get; init; }

    /// <summary>mlp: hidden Linear + ReLU pairs before the output Linear.</summary>
    public int? HiddenLayers { get; init; }

    /// <summary>dcgan: side of the square image (28, 32 or 64); dcgan-mnist: 28.</summary>
    public int? ImageSize { get; init; }

    /// <summary>dcgan, dcgan-mnist: side of the feature map that the projection's output is viewed as.</summary>
    public int? BaseSize { get; init; }

    /// <summary>
    /// dcgan, dcgan-mnist: channels of the projected map, then after each hidden transposed convolution
    /// ([128, 64] for dcgan at 28; [256, 128, 64] for dcgan-mnist, whose deconvolutions are 5×5 and whose
    /// 8×8 map is cropped to 7×7 after the first, see <see cref="DcganMnistGenerator"/>).
    /// </summary>
    public IReadOnlyList<int>? ConvChannels { get; init; }

    /// <summary>dcgan: whether a ReLU follows the projection's BatchNorm (false only at 28, as in the reference).</summary>
    public bool? ReluAfterProjection { get; init; }

    public static GeneratorDescription For(NetworkArchitecture architecture, Hyperparameters h, DatasetInfo data) =>
        architecture switch
        {
            NetworkArchitecture.Mlp => new GeneratorDescription
            {
                Architecture = "mlp", LatentDim = h.LatentDim, SampleShape = [.. data.SampleShape],
                Hidden = Mlp.DefaultHidden, HiddenLayers = Mlp.HiddenLayers,
            },
            NetworkArchitecture.Dcgan => Dcgan(h.LatentDim, data.SampleShape),
            NetworkArchitecture.DcganMnist => new GeneratorDescription
            {
                Architecture = "dcgan-mnist", LatentDim = h.LatentDim, SampleShape = [.. data.SampleShape],
                ImageSize = DcganMnistGenerator.ImageSize, BaseSize = DcganMnistGenerator.BaseSize,
                ConvChannels = [4 * DcganMnistGenerator.Dim, 2 * DcganMnistGenerator.Dim, DcganMnistGenerator.Dim],
            },
            _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture."),
        };

    private static GeneratorDescription Dcgan(int latentDim, IReadOnlyList<int> sampleShape)
    {
        var layout = DcganLayout.For(sampleShape[^1], sampleShape[0]);
        return new GeneratorDescription
        {
            Architecture = "dcgan", LatentDim = latentDim, SampleShape = [.. sampleShape],
            ImageSize = layout.ImageSize, BaseSize = layout.BaseSize,
            ConvChannels = [.. Enumerable.Range(1, layout.Stages).Reverse().Select(DcganLayout.ChannelsAt)],
            ReluAfterProjection = layout.ReluAfterProjection,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
