using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Domain.Jobs;
using WganService.Gan.Datasets;

namespace WganService.Domain.Tests.Jobs;

/// <summary>NaN and infinity fail every range: a NaN once passed "is &lt;= 0 or &gt; 1" and reached the database.</summary>
public class JobSpecResolverNonFiniteTests
{
    public static TheoryData<GanVariant, HyperparameterSpec, string> NonFinite => new()
    {
        { GanVariant.WganGp, new HyperparameterSpec { LearningRate = double.NaN }, "hyperparameters.learningRate" },
        { GanVariant.WganGp, new HyperparameterSpec { LearningRate = double.PositiveInfinity }, "hyperparameters.learningRate" },
        { GanVariant.WganGp, new HyperparameterSpec { Beta1 = double.NaN }, "hyperparameters.beta1" },
        { GanVariant.WganGp, new HyperparameterSpec { Beta2 = double.NaN }, "hyperparameters.beta2" },
        { GanVariant.WganGp, new HyperparameterSpec { GradientPenaltyWeight = double.NaN }, "hyperparameters.gradientPenaltyWeight" },
        { GanVariant.Wgan, new HyperparameterSpec { ClipValue = double.NaN }, "hyperparameters.clipValue" },
        { GanVariant.Wgan, new HyperparameterSpec { ClipValue = double.NegativeInfinity }, "hyperparameters.clipValue" },
    };

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void NonFiniteHyperparameter_IsAnError_NamingIt(GanVariant variant, HyperparameterSpec h, string field)
    {
        var (job, errors) = JobSpecResolver.Resolve(
            new JobSpec { Dataset = "8gaussians", Variant = variant, Hyperparameters = h }, ToyDataset.EightGaussians.Info);

        Assert.Null(job);
        Assert.Contains(field, errors.ToDictionary().Keys);
    }

    [Fact]
    public void NameWithAControlCharacter_IsAnError()
    {
        var (job, errors) = JobSpecResolver.Resolve(
            new JobSpec { Dataset = "8gaussians", Variant = GanVariant.WganGp, Name = "a\0b" }, ToyDataset.EightGaussians.Info);

        Assert.Null(job);
        Assert.Equal([TextRules.NoControlCharacters], errors.ToDictionary()["name"]);
    }
}
