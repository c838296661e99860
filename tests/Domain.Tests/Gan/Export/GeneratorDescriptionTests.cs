using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Gan.Datasets;
using WganService.Gan.Export;
using WganService.Domain.Jobs;

namespace WganService.Domain.Tests.Gan.Export;

/// <summary>
/// The description in an export's metadata must be enough to rebuild the module: these tests rebuild
/// the expected state_dict (names and shapes) from the description alone, by the rule that
/// bench/export/load_generator.py follows, and compare it with what TorchSharp builds.
/// </summary>
public class GeneratorDescriptionTests
{
    private static (NetworkArchitecture Architecture, Hyperparameters H, DatasetInfo Data) Resolve(DatasetInfo data)
    {
        // Images on the seed's dcgan networks, named: 28×28 greyscale would otherwise default to dcgan-mnist.
        var architecture = data.Kind == DatasetKind.Images ? NetworkArchitecture.Dcgan : (NetworkArchitecture?)null;
        var spec = new JobSpec { Dataset = data.Name, Variant = GanVariant.WganGp, Architecture = architecture };
        var (job, errors) = JobSpecResolver.Resolve(spec, data);
        Assert.False(errors.Any);
        return (job!.Architecture, job.Hyperparameters, data);
    }

    private static Dictionary<string, long[]> ShapesOf(TorchSharp.torch.nn.Module module) =>
        module.state_dict().ToDictionary(p => p.Key, p => p.Value.shape, StringComparer.Ordinal);

    [Fact]
    public void Mlp_DescribesEveryLinearLayer_AsTheModuleNamesThem()
    {
        var (architecture, h, data) = Resolve(ToyDataset.EightGaussians.Info);
        using var generator = GanNetworks.CreateGenerator(architecture, h, data);

        var d = GeneratorDescription.For(architecture, h, data);

        // PyTorch: self.layers = nn.Sequential(Linear, ReLU, …, Linear): Linear k sits at index 2k.
        var expected = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var widths = Enumerable.Repeat(d.Hidden!.Value, d.HiddenLayers!.Value).Append(d.SampleShape.Aggregate(1, (a, b) => a * b)).ToList();
        for (var k = 0; k < widths.Count; k++)
        {
            expected[$"layers.{2 * k}.weight"] = [widths[k], k == 0 ? d.LatentDim : widths[k - 1]];
            expected[$"layers.{2 * k}.bias"] = [widths[k]];
        }
        Assert.Equal(("mlp", 2, 512, 3), (d.Architecture, d.LatentDim, d.Hidden, d.HiddenLayers));
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), ShapesOf(generator).OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal("{\"architecture\":\"mlp\",\"latentDim\":2,\"sampleShape\":[2],\"hidden\":512,\"hiddenLayers\":3}", d.ToJson());
    }

    [Theory]
    [InlineData(1, 28)]
    [InlineData(3, 28)]
    [InlineData(1, 32)]
    [InlineData(3, 32)]
    [InlineData(1, 64)]
    [InlineData(3, 64)]
    public void Dcgan_DescribesEveryLayer_AsTheModuleNamesThem(int channels, int size)
    {
        var (architecture, h, data) = Resolve(new DatasetInfo("images", DatasetKind.Images, [channels, size, size], BuiltIn: false));
        using var generator = GanNetworks.CreateGenerator(architecture, h, data);

        var d = GeneratorDescription.For(architecture, h, data);

        // PyTorch: fc = Linear(z, c0·b·b);
        // conv = Sequential(BatchNorm2d(c0), [ReLU], (ConvT(c, c/2), BatchNorm2d, ReLU)…, ConvT(64, C), Tanh).
        var widths = d.ConvChannels!;
        var expected = new Dictionary<string, long[]>(StringComparer.Ordinal)
        {
            ["fc.weight"] = [widths[0] * d.BaseSize!.Value * d.BaseSize.Value, d.LatentDim],
            ["fc.bias"] = [widths[0] * d.BaseSize.Value * d.BaseSize.Value],
        };
        var index = 0;
        void BatchNorm(int width)
        {
            foreach (var name in new[] { "weight", "bias", "running_mean", "running_var" }) expected[$"conv.{index}.{name}"] = [width];
            expected[$"conv.{index}.num_batches_tracked"] = [];
            index++;
        }
        void ConvTranspose(int input, int output)
        {
            (expected[$"conv.{index}.weight"], expected[$"conv.{index}.bias"]) = ([input, output, 4, 4], [output]);
            index++;
        }
        BatchNorm(widths[0]);
        if (d.ReluAfterProjection!.Value) index++;
        for (var i = 1; i < widths.Count; i++)
        {
            ConvTranspose(widths[i - 1], widths[i]);
            BatchNorm(widths[i]);
            index++; // ReLU
        }
        ConvTranspose(widths[^1], channels);

        Assert.Equal(("dcgan", size, size != 28), (d.Architecture, d.ImageSize!.Value, d.ReluAfterProjection.Value));
        Assert.Equal(64, widths[^1]);
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), ShapesOf(generator).OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void DcganMnist_DescribesEveryLayer_AsTheModuleNamesThem()
    {
        var data = new DatasetInfo("digits", DatasetKind.Images, [1, 28, 28], BuiltIn: false);
        var job = JobSpecResolver.Resolve(
            new JobSpec { Dataset = "digits", Variant = GanVariant.WganGp, Architecture = NetworkArchitecture.DcganMnist }, data).Job!;
        using var generator = GanNetworks.CreateGenerator(job.Architecture, job.Hyperparameters, data);

        var d = GeneratorDescription.For(job.Architecture, job.Hyperparameters, data);

        // PyTorch (load_generator.py): fc = Linear(z, c0·b·b); deconv1..3 = ConvTranspose2d(5×5) through the widths to 1 channel.
        var widths = d.ConvChannels!.Append(1).ToList();
        var expected = new Dictionary<string, long[]>(StringComparer.Ordinal)
        {
            ["fc.weight"] = [widths[0] * d.BaseSize!.Value * d.BaseSize.Value, d.LatentDim],
            ["fc.bias"] = [widths[0] * d.BaseSize.Value * d.BaseSize.Value],
        };
        for (var i = 1; i < widths.Count; i++)
            (expected[$"deconv{i}.weight"], expected[$"deconv{i}.bias"]) = ([widths[i - 1], widths[i], 5, 5], [widths[i]]);

        Assert.Equal(("dcgan-mnist", 128, 28, 4), (d.Architecture, d.LatentDim, d.ImageSize!.Value, d.BaseSize.Value));
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), ShapesOf(generator).OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(
            "{\"architecture\":\"dcgan-mnist\",\"latentDim\":128,\"sampleShape\":[1,28,28]," +
            "\"imageSize\":28,\"baseSize\":4,\"convChannels\":[256,128,64]}",
            d.ToJson());
    }
}
