namespace WganService.Bench.Reading;

/// <summary>The few summary figures the bench prints, over one series of readings.</summary>
public static class Stats
{
    public static double Mean(IReadOnlyList<double> values) => values.Average();

    /// <summary>Sample standard deviation.</summary>
    public static double Sd(IReadOnlyList<double> values)
    {
        var mean = Mean(values);
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    /// <summary>Means of consecutive blocks of <paramref name="size"/> values (a last partial block is dropped).</summary>
    public static List<double> Blocks(IReadOnlyList<double> values, int size) =>
        [.. Enumerable.Range(0, values.Count / size).Select(b => values.Skip(b * size).Take(size).Average())];

    /// <summary>Correlation of each value with the next.</summary>
    public static double Lag1(IReadOnlyList<double> values)
    {
        var mean = Mean(values);
        var next = Enumerable.Range(0, values.Count - 1).Sum(i => (values[i] - mean) * (values[i + 1] - mean));
        return next / values.Sum(v => (v - mean) * (v - mean));
    }
}
