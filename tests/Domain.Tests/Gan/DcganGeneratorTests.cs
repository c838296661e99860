using TorchSharp;
using WganService.Gan;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan;

public class DcganGeneratorTests
{
    private const int Latent = 100;

    [Theory]
    [InlineData(28, 1)]
    [InlineData(28, 3)]
    [InlineData(32, 1)]
    [InlineData(32, 3)]
    [InlineData(64, 1)]
    [InlineData(64, 3)]
    public void Forward_MapsLatentBatchToImages_InTanhRange(int size, int channels)
    {
        using var scope = NewDisposeScope();
        using var generator = new DcganGenerator(Latent, channels, size);

        // Large latents push pre-activations far out, so the range check is not vacuous.
        var images = generator.call(randn(4, Latent) * 10);

        Assert.Equal(new long[] { 4, channels, size, size }, images.shape);
        Assert.True(images.min().item<float>() >= -1f);
        Assert.True(images.max().item<float>() <= 1f);
    }

    [Fact]
    public void ParameterCount_At28_EqualsPyTorchReference()
    {
        using var generator = new DcganGenerator(Latent, 1, 28);

        // wgan_reference.py Generator28(z_dim=100), one channel:
        //   fc    Linear(100, 6272)            100·6272 + 6272      = 633,472
        //   conv.0 BatchNorm2d(128)            128 + 128            =     256
        //   conv.1 ConvTranspose2d(128, 64, 4) 128·64·4·4 + 64      = 131,136
        //   conv.2 BatchNorm2d(64)             64 + 64              =     128
        //   conv.4 ConvTranspose2d(64, 1, 4)   64·1·4·4 + 1         =   1,025
        //                                                     total = 766,017
        // (PyTorch 1.13 on this machine: sum(p.numel() for p in Generator28().parameters()) == 766017.)
        Assert.Equal(766_017L, generator.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void StateDictKeys_At28_MatchPyTorchReference()
    {
        using var generator = new DcganGenerator(Latent, 1, 28);

        // list(Generator28().state_dict().keys()) in PyTorch: same names, so weights map one to one.
        string[] expected =
        [
            "fc.weight", "fc.bias",
            "conv.0.weight", "conv.0.bias", "conv.0.running_mean", "conv.0.running_var", "conv.0.num_batches_tracked",
            "conv.1.weight", "conv.1.bias",
            "conv.2.weight", "conv.2.bias", "conv.2.running_mean", "conv.2.running_var", "conv.2.num_batches_tracked",
            "conv.4.weight", "conv.4.bias",
        ];
        Assert.Equal(expected.Order(), generator.state_dict().Keys.Order());
    }

    [Theory]
    [InlineData(28)]
    [InlineData(32)]
    [InlineData(64)]
    public void StateDictKeys_AreStableAcrossInstances_AndHaveNoUnderscorePrefix(int size)
    {
        using var first = new DcganGenerator(Latent, 3, size);
        using var second = new DcganGenerator(Latent, 3, size);

        var keys = first.state_dict().Keys.ToList();

        Assert.Equal(keys, second.state_dict().Keys);
        Assert.All(keys, k => Assert.DoesNotContain(k.Split('.'), part => part.StartsWith('_')));
        Assert.All(keys, k => Assert.Matches(@"^(fc|conv\.\d+)\.", k));
    }

    [Theory]
    [InlineData(Latent, 1, 16, "imageSize")]
    [InlineData(Latent, 1, 0, "imageSize")]
    [InlineData(Latent, 1, 128, "imageSize")]
    [InlineData(Latent, 0, 28, "channels")]
    [InlineData(Latent, 5, 28, "channels")]
    [InlineData(0, 1, 28, "latentDim")]
    public void Constructor_RejectsUnsupportedShapes(int latentDim, int channels, int size, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DcganGenerator(latentDim, channels, size));

        Assert.Equal(parameter, error.ParamName);
    }
}
