using WganService.Domain.Sweeps;
using WganService.Domain.Training;
using WganService.Gan;
using WganService.Gan.Datasets;

namespace WganService.Domain.Tests.Training;

/// <summary>Where a trial stops to be judged: the ladder's rungs in steps, or in training minutes without a step budget.</summary>
public sealed class TrialRungsTests
{
    [Fact]
    public void InSteps_EachRungBelowTheTopIsDueAtItsStep_TheTopIsTheJobsOwnEnd()
    {
        var sweep = NewSweep(new SweepBudget { GeneratorSteps = 120 });

        Assert.Equal([13], DueSteps(Rungs(sweep, completed: 0)));
        Assert.Equal([40], DueSteps(Rungs(sweep, completed: 1)));
        Assert.Empty(DueSteps(Rungs(sweep, completed: 2)));
    }

    [Fact]
    public void InMinutes_ARungIsDueOnceItsShareOfTheBudgetIsTrained()
    {
        // 9 minutes, 9 trials: rungs at 1 and 3 minutes.
        var rungs = Rungs(NewSweep(new SweepBudget { MaxTrainingMinutes = 9 }), completed: 0);

        Assert.False(rungs.IsDue(500, TimeSpan.FromSeconds(59)));
        Assert.True(rungs.IsDue(501, TimeSpan.FromSeconds(60)));
        Assert.False(Rungs(NewSweep(new SweepBudget { MaxTrainingMinutes = 9 }), completed: 1).IsDue(900, TimeSpan.FromSeconds(179)));
    }

    private static Sweep NewSweep(SweepBudget budget)
    {
        var (resolved, errors) = SweepResolver.Resolve(new SweepSpec
        {
            Dataset = "8gaussians", Variant = GanVariant.WganGp, Trials = 9, Budget = budget, Seed = 1,
            Space = new() { ["learningRate"] = new SearchDimension { Values = [1e-4, 1e-3] } },
        }, ToyDataset.EightGaussians.Info, labelled: false);
        Assert.False(errors.Any);
        return new Sweep(resolved!, DateTimeOffset.UnixEpoch, "default");
    }

    /// <summary>Only <see cref="TrialRungs.IsDue"/> is used: it needs no database.</summary>
    private static TrialRungs Rungs(Sweep sweep, int completed) =>
        new(sweep, Guid.NewGuid(), completed, _ => Task.FromResult<TrialVerdict?>(TrialVerdict.Continue), db: null!, TimeProvider.System);

    private static List<int> DueSteps(TrialRungs rungs) =>
        Enumerable.Range(1, 200).Where(step => rungs.IsDue(step, TimeSpan.Zero)).Take(1).ToList();
}
