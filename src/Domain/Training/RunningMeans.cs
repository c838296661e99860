namespace WganService.Domain.Training;

/// <summary>
/// The means not yet recorded, as the checkpoint carries them: the metric row's window, then the last 200
/// steps' W estimates. Without them a run resumed between two rows averaged only the steps it trained itself
/// (seen in the container chaos runs: row 70 covering steps 66–70 instead of 61–70). Checkpoints written
/// before the evaluations read W on held-out data carry the training W since the last evaluation after the
/// row's window instead; it is not read (<see cref="RecentWasserstein.Restore"/> tells the two apart).
/// </summary>
internal sealed class RunningMeans(MetricWindow window, RecentWasserstein recent)
{
    public byte[] Save()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            window.SaveSums(writer);
            recent.Save(writer);
        }
        return stream.ToArray();
    }

    /// <param name="saved">Empty for a checkpoint written before the means were carried: they then restart.</param>
    public void Restore(byte[] saved)
    {
        if (saved.Length == 0) return;
        using var reader = new BinaryReader(new MemoryStream(saved, writable: false));
        window.RestoreSums(reader);
        recent.Restore(reader);
    }
}
