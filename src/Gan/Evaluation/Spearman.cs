namespace WganService.Gan.Evaluation;

/// <summary>Spearman's rank correlation: Pearson's correlation of the ranks, ties given their mean rank.</summary>
public static class Spearman
{
    /// <returns>The coefficient in [−1, 1], or null when it is undefined (fewer than 3 pairs, or a constant series).</returns>
    public static double? Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException("Both series need the same length.", nameof(y));
        if (x.Count < 3) return null;
        var (rx, ry) = (Ranks(x), Ranks(y));
        double meanX = rx.Average(), meanY = ry.Average(), covariance = 0, varianceX = 0, varianceY = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            covariance += (rx[i] - meanX) * (ry[i] - meanY);
            varianceX += Math.Pow(rx[i] - meanX, 2);
            varianceY += Math.Pow(ry[i] - meanY, 2);
        }
        return varianceX == 0 || varianceY == 0 ? null : covariance / Math.Sqrt(varianceX * varianceY);
    }

    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            for (var k = start; k <= end; k++) ranks[order[k]] = (start + end) / 2.0 + 1;
            start = end + 1;
        }
        return ranks;
    }
}
