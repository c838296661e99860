using System.Diagnostics;
using System.Globalization;

namespace WganService.Domain.Training;

/// <summary>
/// Where a training run's wall time went, phase by phase, logged when the run ends: the evaluation,
/// checkpoint and flush intervals are a trade of training speed for visibility and safety, and this is
/// the figure that trade is made on (bench/train/service_overhead.sh reads it too).
/// </summary>
internal sealed class TrainingTimes
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan[] _spent = new TimeSpan[Enum.GetValues<TrainingPhase>().Length];
    private readonly int[] _counts = new int[Enum.GetValues<TrainingPhase>().Length];

    /// <summary>Times what runs until the returned scope is disposed as one occurrence of <paramref name="phase"/>.</summary>
    public Scope Measure(TrainingPhase phase) => new(this, phase, Stopwatch.GetTimestamp());

    public TimeSpan Spent(TrainingPhase phase) => _spent[(int)phase];

    public int Count(TrainingPhase phase) => _counts[(int)phase];

    public TimeSpan Total => Stopwatch.GetElapsedTime(_started);

    /// <summary>"steps 57.12 s (300), evaluations 2.21 s (11), …, other 0.05 s" in seconds, invariant culture.</summary>
    public override string ToString()
    {
        var parts = Enum.GetValues<TrainingPhase>().Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.ToString().ToLowerInvariant()} {Spent(p).TotalSeconds:F2} s ({Count(p)})"));
        var other = Total - _spent.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        return string.Join(", ", parts) + string.Create(CultureInfo.InvariantCulture, $", other {other.TotalSeconds:F2} s");
    }

    public readonly struct Scope(TrainingTimes times, TrainingPhase phase, long startedAt) : IDisposable
    {
        public void Dispose()
        {
            times._spent[(int)phase] += Stopwatch.GetElapsedTime(startedAt);
            times._counts[(int)phase]++;
        }
    }
}
