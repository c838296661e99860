using TorchSharp;
using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Domain.Jobs;
using WganService.Gan.Datasets;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan;

/// <summary>
/// The WGAN-GP authors' MNIST networks (gan_mnist.py, DIM = 64). Counts and names were checked against
/// the same layers built in PyTorch 1.13 on this machine (bench/export/load_generator.py's
/// DcganMnistGenerator; the critic as nn.Sequential(Conv2d(1, 64, 5, 2, 2), LeakyReLU, Conv2d(64, 128, …),
/// LeakyReLU, Conv2d(128, 256, …), LeakyReLU, Flatten, Linear(4096, 1))).
/// </summary>
public class DcganMnistNetworksTests
{
    private const int Latent = DcganMnistGenerator.DefaultLatentDim;

    [Fact]
    public void Generator_MapsLatentsTo28x28Greyscale_InTanhRange()
    {
        using var scope = NewDisposeScope();
        using var generator = new DcganMnistGenerator(Latent);

        // Large latents push pre-activations far out, so the range check is not vacuous. Without the
        // 8×8 → 7×7 crop the image would be 32×32.
        var images = generator.call(randn(4, Latent) * 10);

        Assert.Equal(new long[] { 4, 1, 28, 28 }, images.shape);
        Assert.True(images.min().item<float>() >= -1f && images.max().item<float>() <= 1f);
        Assert.True(images.min().item<float>() < 0f, "tanh, not the script's sigmoid: our pixels are in [−1, 1]");
    }

    [Fact]
    public void Generator_HasTheScriptsLayers_NamedAsThePyTorchModule()
    {
        using var generator = new DcganMnistGenerator(Latent);

        //   fc      Linear(128, 4·4·256)          128·4096 + 4096  =   528,384
        //   deconv1 ConvTranspose2d(256, 128, 5)  256·128·25 + 128 =   819,328
        //   deconv2 ConvTranspose2d(128, 64, 5)   128·64·25 + 64   =   204,864
        //   deconv3 ConvTranspose2d(64, 1, 5)     64·25 + 1        =     1,601   → 1,554,177 (PyTorch: 1554177)
        Assert.Equal(1_554_177L, generator.parameters().Sum(p => p.numel()));
        Assert.Equal(
            ["deconv1.bias", "deconv1.weight", "deconv2.bias", "deconv2.weight", "deconv3.bias", "deconv3.weight", "fc.bias", "fc.weight"],
            generator.state_dict().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new long[] { 256, 128, 5, 5 }, generator.state_dict()["deconv1.weight"].shape);
    }

    [Fact]
    public void Critic_ScoresEachImage_WithTheScriptsLayers()
    {
        using var scope = NewDisposeScope();
        using var critic = new DcganMnistCritic();

        var scores = critic.call(rand(4, 1, 28, 28) * 2 - 1);

        Assert.Equal(new long[] { 4, 1 }, scores.shape);
        Assert.True(scores.isfinite().all().item<bool>());
        //   Conv2d(1, 64, 5)     1,664;  Conv2d(64, 128, 5)  204,928;  Conv2d(128, 256, 5)  819,456;
        //   Linear(4·4·256, 1)   4,097   → 1,030,145 (PyTorch: 1030145); no normalisation layer.
        Assert.Equal(1_030_145L, critic.parameters().Sum(p => p.numel()));
        Assert.Equal(
            [
                "layers.0.bias", "layers.0.weight", "layers.2.bias", "layers.2.weight",
                "layers.4.bias", "layers.4.weight", "layers.7.bias", "layers.7.weight",
            ],
            critic.state_dict().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(3, 28)]
    [InlineData(1, 32)]
    public void GanNetworks_RefuseOtherImageShapes(int channels, int size)
    {
        var data = new DatasetInfo("other", DatasetKind.Images, [channels, size, size], BuiltIn: false);
        var h = JobSpecResolver.Resolve(
            new JobSpec { Dataset = "digits", Variant = GanVariant.WganGp, Architecture = NetworkArchitecture.DcganMnist },
            new DatasetInfo("digits", DatasetKind.Images, [1, 28, 28], BuiltIn: false)).Job!.Hyperparameters;

        Assert.Throws<ArgumentException>(() => GanNetworks.CreateGenerator(NetworkArchitecture.DcganMnist, h, data));
        Assert.Throws<ArgumentException>(() => GanNetworks.CreateCritic(NetworkArchitecture.DcganMnist, h, data));
    }
}
