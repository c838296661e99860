using WganService.Domain.Sweeps;

namespace WganService.Domain.Tests.Sweeps;

public class SuccessiveHalvingTests
{
    [Theory]
    [InlineData(9, 3, new[] { 1.0 / 9, 1.0 / 3, 1.0 })]
    [InlineData(8, 3, new[] { 1.0 / 3, 1.0 })]
    [InlineData(27, 3, new[] { 1.0 / 27, 1.0 / 9, 1.0 / 3, 1.0 })]
    [InlineData(2, 3, new[] { 1.0 })]
    [InlineData(4, 2, new[] { 0.25, 0.5, 1.0 })]
    public void Rungs_SitAtPowersOfEta_SoTheLowestCanStillPromoteOne(int trials, int eta, double[] expected)
    {
        var ladder = RungLadder.Halving(trials, eta);

        Assert.Equal(expected.Length, ladder.Fractions.Count);
        for (var k = 0; k < expected.Length; k++) Assert.Equal(expected[k], ladder.Fractions[k], 12);
        var nine = RungLadder.Halving(9, 3);
        Assert.Equal(new[] { 111, 333, 1000 }, nine.Fractions.Select((_, k) => nine.Steps(k, 1000)));
    }

    [Fact]
    public void ATrialGoesOn_AsSoonAsItIsInTheBestThird_OfThoseThatPassedTheRung()
    {
        var ladder = RungLadder.Halving(9, 3);
        var (a, b, c) = (Trial(1), Trial(2), Trial(3));

        // Two results at rung 0: ⌊2/3⌋ = 0 may go on, whatever they scored.
        Assert.Empty(SuccessiveHalving.Promotions([At(a, 5.0), At(b, 1.0)], ladder, 3));
        // A third: the best of three goes on, even though it finished first.
        Assert.Equal(new[] { b }, SuccessiveHalving.Promotions([At(a, 5.0), At(b, 1.0), At(c, 3.0)], ladder, 3));
        // Once it is on its way (queued or training), it is not promoted again.
        var onItsWay = new TrialStanding(b, [1.0], Active: true);
        Assert.Empty(SuccessiveHalving.Promotions([At(a, 5.0), onItsWay, At(c, 3.0)], ladder, 3));
    }

    [Fact]
    public void NineTrials_ThreeGoToTheMiddleRung_OneToTheEnd_AndNaNRanksLast()
    {
        var ladder = RungLadder.Halving(9, 3);
        double[] rung0 = [9, double.NaN, 7, 1, 5, 4, 3, 8, 2];
        var trials = rung0.Select((objective, i) => At(Trial(i), objective)).ToList();

        var toMiddle = SuccessiveHalving.Promotions(trials, ladder, 3);
        Assert.Equal(new[] { Trial(3), Trial(8), Trial(6) }, toMiddle);

        // The three finish the middle rung; the best of them there (not at rung 0) goes on.
        var afterMiddle = trials.Select(t => t.Trial == Trial(3) ? Two(t.Trial, 1, 6)
            : t.Trial == Trial(8) ? Two(t.Trial, 2, 0.5)
            : t.Trial == Trial(6) ? Two(t.Trial, 3, 4) : t).ToList();
        Assert.Equal(new[] { Trial(8) }, SuccessiveHalving.Promotions(afterMiddle, ladder, 3));

        var finished = afterMiddle.Select(t => t.Trial == Trial(8) ? new TrialStanding(t.Trial, [2, 0.5, 0.4], false) : t).ToList();
        Assert.Empty(SuccessiveHalving.Promotions(finished, ladder, 3));
        Assert.Equal(Trial(8), SuccessiveHalving.Best(finished)!.Trial);
    }

    [Fact]
    public void Best_PrefersTheTrialTrainedFurthest_ThenTheLowestObjective()
    {
        var (early, far) = (Trial(1), Trial(2));

        var best = SuccessiveHalving.Best([new TrialStanding(early, [0.1], false), new TrialStanding(far, [0.5, 0.3], false)]);

        Assert.Equal(far, best!.Trial);
        Assert.Null(SuccessiveHalving.Best([new TrialStanding(early, [], true)]));
    }

    private static Guid Trial(int i) => new($"00000000-0000-0000-0000-{i:D12}");

    private static TrialStanding At(Guid trial, double objective) => new(trial, [objective], Active: false);

    private static TrialStanding Two(Guid trial, double first, double second) => new(trial, [first, second], Active: false);
}
