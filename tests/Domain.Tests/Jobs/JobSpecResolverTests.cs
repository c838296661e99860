using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Domain.Jobs;
using WganService.Gan.Datasets;

namespace WganService.Domain.Tests.Jobs;

public class JobSpecResolverTests
{
    private static readonly DatasetInfo Ring = ToyDataset.EightGaussians.Info;

    private static (ResolvedJob? Job, IDictionary<string, string[]> Errors) Resolve(
        GanVariant? variant, HyperparameterSpec? h = null, DatasetInfo? data = null)
    {
        var (job, errors) = JobSpecResolver.Resolve(
            new JobSpec { Dataset = "8gaussians", Variant = variant, Hyperparameters = h }, data ?? Ring);
        return (job, errors.ToDictionary());
    }

    [Fact]
    public void Wgan_DefaultsToRmsPropAndClipping_AtTwiceThePapersRateOnVectors_TenTimesOnImages()
    {
        var h = Resolve(GanVariant.Wgan).Job!.Hyperparameters;
        var onImages = Resolve(GanVariant.Wgan, data: Digits).Job!.Hyperparameters;

        Assert.Equal((OptimizerKind.RmsProp, 1e-4, 0.01, 5), (h.Optimizer, h.LearningRate, h.ClipValue!.Value, h.CriticSteps));
        Assert.Equal((OptimizerKind.RmsProp, 5e-4, 0.01, 5),
            (onImages.Optimizer, onImages.LearningRate, onImages.ClipValue!.Value, onImages.CriticSteps));
        Assert.Null(h.GradientPenaltyWeight);
        Assert.Null(h.Beta1);
    }

    [Fact]
    public void Wgan_DefaultsToAConstantCriticSchedule_OnVectorsAndImages_NoAverage_NoBudget_ItsAuthorsOnRequest()
    {
        var (wgan, gp) = (Resolve(GanVariant.Wgan).Job!.Hyperparameters, Resolve(GanVariant.WganGp).Job!.Hyperparameters);
        var wganImages = Resolve(GanVariant.Wgan, data: Digits).Job!.Hyperparameters;

        Assert.Equal((CriticSchedule.Constant, CriticSchedule.Constant), (wgan.CriticSchedule, gp.CriticSchedule));
        Assert.Equal(CriticSchedule.Constant, wganImages.CriticSchedule);
        Assert.Equal((0.0, 0.0), (wgan.GeneratorEma, gp.GeneratorEma));
        Assert.Null(wgan.MaxTrainingMinutes);
        Assert.Equal(
            CriticSchedule.WganPaper,
            Resolve(GanVariant.Wgan, new HyperparameterSpec { CriticSchedule = CriticSchedule.WganPaper })
                .Job!.Hyperparameters.CriticSchedule);
    }

    [Fact]
    public void WganGp_On28By28Greyscale_DefaultsToTheMnistRecipe()
    {
        var images = new DatasetInfo("digits", DatasetKind.Images, [1, 28, 28], BuiltIn: false);

        var (job, _) = JobSpecResolver.Resolve(new JobSpec { Dataset = "digits", Variant = GanVariant.WganGp }, images);

        var h = job!.Hyperparameters;
        Assert.Equal(NetworkArchitecture.DcganMnist, job.Architecture);
        Assert.Equal(
            (OptimizerKind.Adam, 1.16e-3, 0.5, 0.9, 12.4),
            (h.Optimizer, h.LearningRate, h.Beta1!.Value, h.Beta2!.Value, h.GradientPenaltyWeight!.Value));
        Assert.Equal((32, 2, 5000, 500, 1250), (h.BatchSize, h.CriticSteps, h.GeneratorSteps, h.EvaluateEvery, h.CheckpointEvery));
        Assert.Equal((LearningRateDecay.None, 0.99, CriticSchedule.WarmStart), (h.LearningRateDecay, h.GeneratorEma, h.CriticSchedule));
        Assert.Null(h.ClipValue);
    }

    [Fact]
    public void WganGp_OnOtherImageSizes_DefaultsToTheFastDcganRecipe()
    {
        var images = new DatasetInfo("faces", DatasetKind.Images, [3, 32, 32], BuiltIn: false);

        var (job, _) = JobSpecResolver.Resolve(new JobSpec { Dataset = "faces", Variant = GanVariant.WganGp }, images);

        var h = job!.Hyperparameters;
        Assert.Equal(NetworkArchitecture.Dcgan, job.Architecture);
        Assert.Equal(
            (OptimizerKind.Adam, 1e-3, 0.5, 0.9, 10.0),
            (h.Optimizer, h.LearningRate, h.Beta1!.Value, h.Beta2!.Value, h.GradientPenaltyWeight!.Value));
        Assert.Equal((32, 5, 5000, 500, 1250), (h.BatchSize, h.CriticSteps, h.GeneratorSteps, h.EvaluateEvery, h.CheckpointEvery));
        Assert.Equal((LearningRateDecay.Linear, 0.0), (h.LearningRateDecay, h.GeneratorEma));
    }

    [Fact]
    public void TheSeedsImageRecipe_IsStillOneSpecAway()
    {
        var images = new DatasetInfo("digits", DatasetKind.Images, [1, 28, 28], BuiltIn: false);
        var spec = new HyperparameterSpec { LearningRate = 1e-4, Beta1 = 0, BatchSize = 64, GeneratorSteps = 2000 };

        var (job, _) = JobSpecResolver.Resolve(
            new JobSpec { Dataset = "digits", Variant = GanVariant.WganGp, Hyperparameters = spec }, images);

        var h = job!.Hyperparameters;
        Assert.Equal((1e-4, 0.0, 64, 2000), (h.LearningRate, h.Beta1!.Value, h.BatchSize, h.GeneratorSteps));
    }

    [Theory]
    [InlineData(GanVariant.Wgan, null, NetworkArchitecture.Dcgan, 5e-4, 64, 5)]
    [InlineData(GanVariant.WganGp, NetworkArchitecture.Dcgan, NetworkArchitecture.Dcgan, 1e-3, 32, 5)]
    public void TheMnistRecipe_IsWganGpOnTheMnistNetworksOnly(
        GanVariant variant, NetworkArchitecture? chosen, NetworkArchitecture expected, double learningRate, int batchSize, int criticSteps)
    {
        var images = new DatasetInfo("digits", DatasetKind.Images, [1, 28, 28], BuiltIn: false);

        var (job, _) = JobSpecResolver.Resolve(new JobSpec { Dataset = "digits", Variant = variant, Architecture = chosen }, images);

        var h = job!.Hyperparameters;
        Assert.Equal(
            (expected, learningRate, batchSize, criticSteps, 0.0),
            (job.Architecture, h.LearningRate, h.BatchSize, h.CriticSteps, h.GeneratorEma));
    }

    private static readonly DatasetInfo Digits = new("digits", DatasetKind.Images, [1, 28, 28], BuiltIn: false);

    [Theory]
    [InlineData(GanVariant.WganGp, CriticNormalization.Layer)]
    [InlineData(GanVariant.Wgan, CriticNormalization.Batch)]
    public void DcganCritic_DefaultsToNormalizationThatSuitsTheVariant(GanVariant variant, CriticNormalization expected)
    {
        var (job, _) = JobSpecResolver.Resolve(
            new JobSpec { Dataset = "digits", Variant = variant, Architecture = NetworkArchitecture.Dcgan }, Digits);

        Assert.Equal((NetworkArchitecture.Dcgan, expected), (job!.Architecture, job.Hyperparameters.CriticNormalization));
        Assert.Equal([1, 28, 28], job.SampleShape);
    }

    [Fact]
    public void BatchNormCritic_WithGradientPenalty_IsAnError()
    {
        var (_, errors) = JobSpecResolver.Resolve(new JobSpec
        {
            Dataset = "digits", Variant = GanVariant.WganGp,
            Hyperparameters = new HyperparameterSpec { CriticNormalization = CriticNormalization.Batch },
        }, Digits);

        Assert.Contains("hyperparameters.criticNormalization", errors.ToDictionary().Keys);
    }

    [Fact]
    public void CriticNormalization_OnMlp_IsAnError()
    {
        var (_, errors) = Resolve(GanVariant.WganGp, new HyperparameterSpec { CriticNormalization = CriticNormalization.Layer });

        Assert.Contains("hyperparameters.criticNormalization", errors.Keys);
    }

    [Fact]
    public void Dcgan_RejectsImageSizesItHasNoNetworkFor()
    {
        var odd = new DatasetInfo("odd", DatasetKind.Images, [1, 20, 20], BuiltIn: false);

        var (_, errors) = JobSpecResolver.Resolve(new JobSpec { Dataset = "odd", Variant = GanVariant.WganGp }, odd);

        Assert.Contains("architecture", errors.ToDictionary().Keys);
    }

    [Fact]
    public void WganGp_OnToyData_DefaultsToAuthorsToySettings()
    {
        var h = Resolve(GanVariant.WganGp).Job!.Hyperparameters;

        Assert.Equal((0.5, 0.9, 0.1, 256, 2), (h.Beta1!.Value, h.Beta2!.Value, h.GradientPenaltyWeight!.Value, h.BatchSize, h.LatentDim));
    }

    [Fact]
    public void WganGp_On25Gaussians_DefaultsToTheTunedLearningRate_UnlessGivenOne()
    {
        var grid = ToyDataset.TwentyFiveGaussians.Info;
        var resolve = (HyperparameterSpec? h) =>
            JobSpecResolver.Resolve(new JobSpec { Dataset = grid.Name, Variant = GanVariant.WganGp, Hyperparameters = h }, grid).Job!;

        Assert.Equal(1e-3, resolve(null).Hyperparameters.LearningRate);
        Assert.Equal(2e-4, resolve(new HyperparameterSpec { LearningRate = 2e-4 }).Hyperparameters.LearningRate);
        Assert.Equal(1e-4, Resolve(GanVariant.WganGp).Job!.Hyperparameters.LearningRate);
    }

    [Fact]
    public void ClipValue_OnWganGp_IsAnErrorNamingTheField()
    {
        var (job, errors) = Resolve(GanVariant.WganGp, new HyperparameterSpec { ClipValue = 0.01 });

        Assert.Null(job);
        Assert.Contains("hyperparameters.clipValue", errors.Keys);
    }

    [Fact]
    public void Betas_WithRmsProp_AreErrors()
    {
        var (_, errors) = Resolve(GanVariant.Wgan, new HyperparameterSpec { Beta1 = 0.5 });

        Assert.Contains("hyperparameters.beta1", errors.Keys);
    }

    [Theory]
    [InlineData(-1, "hyperparameters.generatorSteps")]
    [InlineData(0, "hyperparameters.generatorSteps")]
    public void NonPositiveSteps_AreErrors(int steps, string field)
    {
        Assert.Contains(field, Resolve(GanVariant.WganGp, new HyperparameterSpec { GeneratorSteps = steps }).Errors.Keys);
    }

    [Fact]
    public void MissingDatasetAndVariant_AreBothReported()
    {
        var (job, errors) = JobSpecResolver.Resolve(new JobSpec(), null);

        Assert.Null(job);
        Assert.Contains("dataset", errors.ToDictionary().Keys);
        Assert.Contains("variant", errors.ToDictionary().Keys);
    }

    [Fact]
    public void Seed_IsChosenAndRecorded_WhenAbsent()
    {
        Assert.InRange(Resolve(GanVariant.WganGp).Job!.Hyperparameters.Seed, 0, int.MaxValue);
        Assert.Equal(42, Resolve(GanVariant.WganGp, new HyperparameterSpec { Seed = 42 }).Job!.Hyperparameters.Seed);
    }
}

public class LearningRateScheduleTests
{
    private static Hyperparameters For(GanVariant variant) =>
        JobSpecResolver.Resolve(
            new JobSpec { Dataset = "8gaussians", Variant = variant, Hyperparameters = new HyperparameterSpec { GeneratorSteps = 100 } },
            ToyDataset.EightGaussians.Info).Job!.Hyperparameters;

    [Fact]
    public void WganGp_DecaysLinearlyToZero()
    {
        var h = For(GanVariant.WganGp);

        Assert.Equal(LearningRateDecay.Linear, h.LearningRateDecay);
        Assert.Equal(1e-4, LearningRateSchedule.At(h, 0), 12);
        Assert.Equal(0.5e-4, LearningRateSchedule.At(h, 50), 12);
        Assert.Equal(1e-6, LearningRateSchedule.At(h, 99), 12);
    }

    [Theory]
    [InlineData(10, 5.0, 0.5e-4)]  // the budget binds: half its time spent, a tenth of the steps
    [InlineData(80, 1.0, 0.2e-4)]  // the steps bind
    [InlineData(10, 12.0, 0.0)]    // past the budget: 0, never negative
    public void LinearDecay_FollowsWhicheverLimitIsFurtherAlong(int steps, double minutes, double expected)
    {
        var h = For(GanVariant.WganGp) with { MaxTrainingMinutes = 10 };

        Assert.Equal(expected, LearningRateSchedule.At(h, steps, TimeSpan.FromMinutes(minutes)), 12);
    }

    [Fact]
    public void WithoutBudget_TimeDoesNotCount()
    {
        var h = For(GanVariant.WganGp);

        Assert.Equal(0.5e-4, LearningRateSchedule.At(h, 50, TimeSpan.FromDays(3)), 12);
    }

    [Fact]
    public void Wgan_KeepsItsRate()
    {
        var h = For(GanVariant.Wgan);

        Assert.Equal((LearningRateDecay.None, 1e-4), (h.LearningRateDecay, LearningRateSchedule.At(h, 99)));
    }
}
