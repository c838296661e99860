namespace WganService.Domain.Training;

internal sealed partial class TrainingSession
{
    /// <summary>
    /// The means not yet recorded, as the checkpoint carries them: the metric row's window and the W estimate
    /// since the last evaluation. Without them a run resumed between two rows averaged only the steps it
    /// trained itself (seen in the container chaos runs: row 70 covering steps 66–70 instead of 61–70).
    /// </summary>
    private byte[] SaveRunningMeans(MetricWindow window)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            window.SaveSums(writer);
            writer.Write(_wassersteinSinceEvaluation);
            writer.Write(_stepsSinceEvaluation);
        }
        return stream.ToArray();
    }

    /// <param name="saved">Empty for a checkpoint written before the means were carried: they then restart.</param>
    private void RestoreRunningMeans(byte[] saved, MetricWindow window)
    {
        if (saved.Length == 0) return;
        using var reader = new BinaryReader(new MemoryStream(saved, writable: false));
        window.RestoreSums(reader);
        (_wassersteinSinceEvaluation, _stepsSinceEvaluation) = (reader.ReadDouble(), reader.ReadInt32());
    }
}
