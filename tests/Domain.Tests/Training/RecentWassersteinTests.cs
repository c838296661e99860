using WganService.Domain.Training;
using WganService.Gan;

namespace WganService.Domain.Tests.Training;

public class RecentWassersteinTests
{
    private static StepMetrics Step(int step, double wasserstein) => new(step, -wasserstein, 0, wasserstein, null, 0, 5);

    [Fact]
    public void Mean_IsOverTheLast200Steps_AndNullBeforeTheFirst()
    {
        var recent = new RecentWasserstein();
        Assert.Null(recent.Mean);

        for (var step = 1; step <= 250; step++) recent.Add(Step(step, step));

        // Steps 51..250: their mean is (51 + 250) / 2.
        Assert.Equal(150.5, recent.Mean!.Value, 12);
    }

    [Fact]
    public void Mean_BeforeTheWindowFills_IsOverTheStepsSoFar()
    {
        var recent = new RecentWasserstein();
        foreach (var (step, w) in new[] { (1, 2.0), (2, 4.0), (3, 9.0) }) recent.Add(Step(step, w));

        Assert.Equal(5.0, recent.Mean!.Value, 12);
    }

    [Fact]
    public void SavedAndRestored_ReadsTheSameMean_AndSlidesOnAsTheOriginal()
    {
        var original = new RecentWasserstein();
        for (var step = 1; step <= 230; step++) original.Add(Step(step, Math.Sin(step)));
        var restored = RoundTrip(original);

        Assert.Equal(original.Mean, restored.Mean);
        for (var step = 231; step <= 260; step++)
        {
            original.Add(Step(step, Math.Sin(step)));
            restored.Add(Step(step, Math.Sin(step)));
        }
        Assert.Equal(original.Mean, restored.Mean);
    }

    [Fact]
    public void RestoredFromAnOlderCheckpoint_StartsEmpty()
    {
        // What an earlier version wrote after the metric row's sums: the training W sum and count since the last evaluation.
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(12.5);
            writer.Write(7);
        }
        var recent = new RecentWasserstein();
        recent.Add(Step(1, 3));

        recent.Restore(new BinaryReader(new MemoryStream(stream.ToArray())));
        Assert.Null(recent.Mean);
        recent.Restore(new BinaryReader(new MemoryStream([])));
        Assert.Null(recent.Mean);
    }

    private static RecentWasserstein RoundTrip(RecentWasserstein original)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) original.Save(writer);
        var restored = new RecentWasserstein();
        stream.Position = 0;
        restored.Restore(new BinaryReader(stream));
        return restored;
    }
}
