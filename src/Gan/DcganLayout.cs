namespace WganService.Gan;

/// <summary>
/// The spatial plan shared by <see cref="DcganGenerator"/> and <see cref="DcganCritic"/>, so the two
/// mirror each other by construction: the smallest feature map (<see cref="BaseSize"/>) and the number
/// of stride-2 (de)convolutions between it and the image. Channels double from 64 per halving.
/// </summary>
internal sealed record DcganLayout(int ImageSize, int BaseSize, int Stages)
{
    /// <summary>Channels next to the image (Radford et al.'s 64 for 64×64, kept for the smaller sizes).</summary>
    public const int BaseChannels = 64;

    public const int MaxChannels = 4;

    /// <summary>Channels of the smallest map: 128 for 28, 256 for 32, 512 for 64.</summary>
    public int WidestChannels => BaseChannels << (Stages - 1);

    /// <summary>
    /// Whether the generator's projection BatchNorm is followed by a ReLU. The reference's 28×28
    /// generator has none; it is kept that way so parameter names and throughput stay comparable.
    /// The DCGAN sizes add it.
    /// </summary>
    public bool ReluAfterProjection => ImageSize != 28;

    /// <summary>Channels after the <paramref name="stage"/>-th stride-2 convolution of the critic (1-based).</summary>
    public static int ChannelsAt(int stage) => BaseChannels << (stage - 1);

    // Parameter names match the public constructors', so the exception names the caller's argument.
    public static DcganLayout For(int imageSize, int channels)
    {
        if (channels is < 1 or > MaxChannels)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels,
                $"Image channels must be between 1 (greyscale) and {MaxChannels} (RGBA).");
        }

        return imageSize switch
        {
            // 28 → 14 → 7: two halvings, as in wgan_reference.py (MNIST-sized data).
            28 => new DcganLayout(28, 7, 2),
            // 32 → 16 → 8 → 4 and 64 → … → 4: the DCGAN paper's 4×4 start.
            32 => new DcganLayout(32, 4, 3),
            64 => new DcganLayout(64, 4, 4),
            _ => throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize,
                "DCGAN networks support square images of 28, 32 or 64 pixels."),
        };
    }
}
