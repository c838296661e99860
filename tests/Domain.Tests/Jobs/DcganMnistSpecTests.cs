using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Domain.Jobs;
using WganService.Gan.Datasets;

namespace WganService.Domain.Tests.Jobs;

/// <summary>'dcgan-mnist' is the default for 28×28 greyscale, comes with the MNIST recipe, and takes 28×28 greyscale only.</summary>
public class DcganMnistSpecTests
{
    private static readonly DatasetInfo Digits = new("digits", DatasetKind.Images, [1, 28, 28], BuiltIn: false);

    private static (ResolvedJob? Job, IDictionary<string, string[]> Errors) Resolve(
        DatasetInfo data, NetworkArchitecture? architecture, HyperparameterSpec? h = null)
    {
        var (job, errors) = JobSpecResolver.Resolve(
            new JobSpec { Dataset = data.Name, Variant = GanVariant.WganGp, Architecture = architecture, Hyperparameters = h }, data);
        return (job, errors.ToDictionary());
    }

    [Fact]
    public void ChosenByName_TakesTheMnistRecipe()
    {
        var h = Resolve(Digits, NetworkArchitecture.DcganMnist).Job!.Hyperparameters;

        Assert.Equal(
            (128, OptimizerKind.Adam, MnistImageRecipe.LearningRate, 0.5, 0.9, MnistImageRecipe.GradientPenaltyWeight),
            (h.LatentDim, h.Optimizer, h.LearningRate, h.Beta1!.Value, h.Beta2!.Value, h.GradientPenaltyWeight!.Value));
        Assert.Equal((MnistImageRecipe.CriticSteps, MnistImageRecipe.GeneratorEma), (h.CriticSteps, h.GeneratorEma));
        Assert.Null(h.CriticNormalization);
    }

    [Fact]
    public void ItsSettingsAreOneSpecAway()
    {
        var paper = new HyperparameterSpec { LearningRate = 1e-4, CriticSteps = 5, GeneratorEma = 0 };
        var h = Resolve(Digits, NetworkArchitecture.DcganMnist, paper).Job!.Hyperparameters;

        Assert.Equal((1e-4, 5, 0.0), (h.LearningRate, h.CriticSteps, h.GeneratorEma));
    }

    [Fact]
    public void Greyscale28By28_DefaultsToIt()
    {
        var job = Resolve(Digits, architecture: null).Job!;

        Assert.Equal((NetworkArchitecture.DcganMnist, 128), (job.Architecture, job.Hyperparameters.LatentDim));
    }

    [Theory]
    [InlineData(3, 28)]
    [InlineData(1, 32)]
    [InlineData(1, 64)]
    public void OtherImageShapes_AreRefused_NamingTheShape(int channels, int size)
    {
        var (job, errors) = Resolve(
            new DatasetInfo("faces", DatasetKind.Images, [channels, size, size], BuiltIn: false), NetworkArchitecture.DcganMnist);

        Assert.Null(job);
        Assert.Contains($"[{channels}, {size}, {size}]", Assert.Single(errors["architecture"]), StringComparison.Ordinal);
    }

    [Fact]
    public void VectorData_IsRefused()
    {
        var (_, errors) = Resolve(ToyDataset.EightGaussians.Info, NetworkArchitecture.DcganMnist);

        Assert.Contains("'dcgan-mnist' needs an image dataset", Assert.Single(errors["architecture"]), StringComparison.Ordinal);
    }

    [Fact]
    public void CriticNormalization_IsRefused_TheAuthorsCriticHasNone()
    {
        var (_, errors) = Resolve(
            Digits, NetworkArchitecture.DcganMnist, new HyperparameterSpec { CriticNormalization = CriticNormalization.Layer });

        Assert.Contains("hyperparameters.criticNormalization", errors.Keys);
    }
}
