using WganService.Gan;

namespace WganService.Domain.Training;

/// <summary>
/// The training steps' W estimate averaged over the last <see cref="Steps"/> generator steps: the reading an
/// evaluation records beside the critic's held-out one. The held-out reading is one critic at one moment; on
/// MNIST its scale moves by about ±0.3 from one step to the next, as much as the FD's last points are worth,
/// so one proof's Spearman(W, FD) fell to 0.46 while a 200-step mean of the same job's estimates ranked at 0.92
/// (docs/results.md, fourth session). The window is carried in the checkpoint, so a resumed run reads the same.
/// </summary>
internal sealed class RecentWasserstein
{
    public const int Steps = 200;

    // Marks the window in a checkpoint's running means: older checkpoints end without it, or with the
    // training sums an earlier version wrote there (see RunningMeans), which are not read.
    private const int SavedMarker = 0x52_57_32_30; // "RW20"

    private readonly Queue<double> _estimates = new(Steps + 1);

    public void Add(StepMetrics step)
    {
        _estimates.Enqueue(step.WassersteinEstimate);
        if (_estimates.Count > Steps) _estimates.Dequeue();
    }

    /// <summary>The mean over the last (up to) <see cref="Steps"/> steps; null before the first.</summary>
    public double? Mean => _estimates.Count == 0 ? null : _estimates.Average();

    public void Save(BinaryWriter writer)
    {
        writer.Write(SavedMarker);
        writer.Write(_estimates.Count);
        foreach (var estimate in _estimates) writer.Write(estimate);
    }

    /// <summary>Reads a window <see cref="Save"/> wrote; leaves it empty when the stream holds none (an older checkpoint).</summary>
    public void Restore(BinaryReader reader)
    {
        _estimates.Clear();
        var stream = reader.BaseStream;
        if (stream.Length - stream.Position < 8 || reader.ReadInt32() != SavedMarker) return;
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++) _estimates.Enqueue(reader.ReadDouble());
    }
}
