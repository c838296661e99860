using System.Text.RegularExpressions;
using WganService.Domain.Training;

namespace WganService.Domain.Tests.Training;

public class TrainingTimesTests
{
    [Fact]
    public void EachMeasuredScope_CountsOnceForItsOwnPhase()
    {
        var times = new TrainingTimes();
        for (var i = 0; i < 3; i++) using (times.Measure(TrainingPhase.Steps)) { }
        using (times.Measure(TrainingPhase.Evaluations)) { }

        Assert.Equal(3, times.Count(TrainingPhase.Steps));
        Assert.Equal(1, times.Count(TrainingPhase.Evaluations));
        Assert.Equal(0, times.Count(TrainingPhase.Flushes));
        Assert.Equal(TimeSpan.Zero, times.Spent(TrainingPhase.Flushes));
        Assert.True(times.Spent(TrainingPhase.Steps) + times.Spent(TrainingPhase.Evaluations) <= times.Total);
    }

    [Fact]
    public void TheLoggedBreakdown_NamesEveryPhaseWithItsCount_InTheFormTheBenchReads()
    {
        var times = new TrainingTimes();
        using (times.Measure(TrainingPhase.Checkpoints)) { }

        var text = times.ToString();

        // bench/train/service_overhead_report.py parses "<phase> <seconds> s (<count>)" and "other <seconds> s".
        var phases = Regex.Matches(text, @"(\w+) ([\d.]+) s \((\d+)\)")
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[3].Value));
        Assert.Equal(Enum.GetNames<TrainingPhase>().Select(n => n.ToLowerInvariant()).Order(), phases.Keys.Order());
        Assert.Equal(1, phases["checkpoints"]);
        Assert.Matches(@"other -?[\d.]+ s$", text);
    }
}
