namespace WganService.Domain.Training;

/// <summary>
/// The means not yet recorded, as the checkpoint carries them: the metric row's window and the W estimate
/// since the last evaluation. Without them a run resumed between two rows averaged only the steps it
/// trained itself (seen in the container chaos runs: row 70 covering steps 66–70 instead of 61–70).
/// </summary>
internal sealed class RunningMeans(MetricWindow window, WassersteinAtEvaluations wasserstein)
{
    public byte[] Save()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            window.SaveSums(writer);
            wasserstein.SaveSums(writer);
        }
        return stream.ToArray();
    }

    /// <param name="saved">Empty for a checkpoint written before the means were carried: they then restart.</param>
    public void Restore(byte[] saved)
    {
        if (saved.Length == 0) return;
        using var reader = new BinaryReader(new MemoryStream(saved, writable: false));
        window.RestoreSums(reader);
        wasserstein.RestoreSums(reader);
    }
}
