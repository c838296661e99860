using WganService.Gan.Evaluation;

namespace WganService.Domain.Tests.Gan.Evaluation;

public class SpearmanTests
{
    [Fact]
    public void MonotoneSeries_CorrelatePerfectly_WhateverTheScale()
    {
        Assert.Equal(1.0, Spearman.Correlation([1, 2, 3, 4], [0.1, 10, 11, 500])!.Value, 12);
        Assert.Equal(-1.0, Spearman.Correlation([1, 2, 3, 4], [9, 8, 2, 1])!.Value, 12);
    }

    [Fact]
    public void Ties_TakeTheirMeanRank()
    {
        // Ranks of y = [1, 2, 3.5, 5, 3.5]: ρ = Pearson(ranks) = 0.8207826816681233 (scipy.stats.spearmanr).
        Assert.Equal(0.8207826816681233, Spearman.Correlation([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])!.Value, 12);
    }

    [Fact]
    public void IsUndefined_ForConstantOrShortSeries()
    {
        Assert.Null(Spearman.Correlation([1, 2, 3], [4, 4, 4]));
        Assert.Null(Spearman.Correlation([1, 2], [1, 2]));
    }
}
