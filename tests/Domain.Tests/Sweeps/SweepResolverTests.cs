using WganService.Domain.Jobs;
using WganService.Domain.Sweeps;
using WganService.Gan;
using WganService.Gan.Datasets;

namespace WganService.Domain.Tests.Sweeps;

/// <summary>A sweep's request: defaults, its trials resolved as jobs, and every broken rule named by its field.</summary>
public sealed class SweepResolverTests
{
    private static readonly SweepSpec Valid = new()
    {
        Name = "lr", Dataset = "8gaussians", Variant = GanVariant.WganGp,
        Space = new() { ["learningRate"] = new SearchDimension { Min = 1e-5, Max = 1e-3, Scale = SearchScale.Log } },
        Trials = 9, Budget = new SweepBudget { GeneratorSteps = 900 }, Seed = 4,
    };

    [Fact]
    public void AValidSweep_ResolvesEveryTrialAsAJob_WithTheWholeBudget_AndHalvingByThree()
    {
        var (sweep, errors) = SweepResolver.Resolve(Valid, ToyDataset.EightGaussians.Info, labelled: false);

        Assert.False(errors.Any, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")));
        Assert.Equal((EarlyStoppingKind.Halving, 3, SweepObjective.SlicedWasserstein), (sweep!.EarlyStopping, sweep.Eta, sweep.Objective));
        Assert.Equal(9, sweep.TrialJobs.Count);
        Assert.All(sweep.TrialJobs, t => Assert.Equal(900, t.Hyperparameters.GeneratorSteps));
        Assert.Equal("lr · trial 3", sweep.TrialJobs[2].Name);
        Assert.Equal(9, sweep.TrialJobs.Select(t => t.Hyperparameters.LearningRate).Distinct().Count());
        Assert.Equal(9, sweep.TrialJobs.Select(t => t.Hyperparameters.Seed).Distinct().Count());
    }

    [Fact]
    public void TheSameSeed_ResolvesTheSameTrials()
    {
        var first = SweepResolver.Resolve(Valid, ToyDataset.EightGaussians.Info, false).Sweep!.TrialJobs;
        var again = SweepResolver.Resolve(Valid, ToyDataset.EightGaussians.Info, false).Sweep!.TrialJobs;
        var other = SweepResolver.Resolve(Valid with { Seed = 5 }, ToyDataset.EightGaussians.Info, false).Sweep!.TrialJobs;

        Assert.Equal(first.Select(t => t.Hyperparameters), again.Select(t => t.Hyperparameters));
        Assert.NotEqual(first.Select(t => t.Hyperparameters.LearningRate), other.Select(t => t.Hyperparameters.LearningRate));
    }

    [Theory]
    [InlineData("space.learningRate.max")]
    [InlineData("trials")]
    [InlineData("budget")]
    [InlineData("earlyStopping.eta")]
    [InlineData("hyperparameters.generatorSteps")]
    [InlineData("objective")]
    [InlineData("space.clip")]
    public void EachBrokenRule_IsNamedByItsField(string field)
    {
        var spec = field switch
        {
            "space.learningRate.max" => Valid with { Space = new() { ["learningRate"] = new SearchDimension { Min = 1e-3, Max = 1e-4 } } },
            "trials" => Valid with { Trials = 0 },
            "budget" => Valid with { Budget = null },
            "earlyStopping.eta" => Valid with { EarlyStopping = new EarlyStoppingSpec { Eta = 1 } },
            "hyperparameters.generatorSteps" => Valid with { Hyperparameters = new HyperparameterSpec { GeneratorSteps = 10 } },
            "objective" => Valid with { Objective = SweepObjective.FrechetDistance },
            "space.clip" => Valid with { Space = new() { ["clip"] = new SearchDimension { Values = [0.01] } } },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        var (sweep, errors) = SweepResolver.Resolve(spec, ToyDataset.EightGaussians.Info, false);

        Assert.Null(sweep);
        Assert.Contains(field, errors.ToDictionary().Keys);
    }

    [Fact]
    public void ADrawnConfigurationThatBreaksAJobRule_IsNamedByTrialAndField()
    {
        // β1 must be below 1: the trials that draw 1.5 break it, those that draw 0.5 do not.
        var spec = Valid with { Space = new() { ["beta1"] = new SearchDimension { Values = [0.5, 1.5] } } };

        var (sweep, errors) = SweepResolver.Resolve(spec, ToyDataset.EightGaussians.Info, false);

        Assert.Null(sweep);
        var fields = errors.ToDictionary().Keys.ToList();
        Assert.NotEmpty(fields);
        Assert.All(fields, f => Assert.Matches(@"^trial\[[1-9]\]\.hyperparameters\.beta1$", f));
        Assert.True(fields.Count < 9, "Every trial drew 1.5; the test shows nothing about picking out the ones that break the rule.");
        Assert.Contains("drawn: beta1 = 1.5", errors.ToDictionary()[fields[0]][0], StringComparison.Ordinal);
    }

    [Fact]
    public void ASearchedFieldOfTheOtherVariant_IsRefusedForEveryTrial()
    {
        var spec = Valid with { Trials = 2, Space = new() { ["clipValue"] = new SearchDimension { Values = [0.01, 0.02] } } };

        var (_, errors) = SweepResolver.Resolve(spec, ToyDataset.EightGaussians.Info, false);

        Assert.Equal(["trial[1].hyperparameters.clipValue", "trial[2].hyperparameters.clipValue"], errors.ToDictionary().Keys.Order());
    }

    [Fact]
    public void TheObjective_FollowsTheDataset()
    {
        Assert.Equal(SweepObjective.FrechetDistance, SweepObjectives.For(images: true, labelled: true));
        Assert.Equal(SweepObjective.PatchSlicedWasserstein, SweepObjectives.For(images: true, labelled: false));
        Assert.Equal(SweepObjective.SlicedWasserstein, SweepObjectives.For(images: false, labelled: false));
    }
}
