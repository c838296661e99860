namespace WganService.Gan.Datasets.Readers;

/// <summary>Checks and scalings every reader applies the same way, so every format means the same thing.</summary>
internal static class SampleValues
{
    /// <summary>uint8 pixels map onto the generator's tanh range: 0 → −1, 255 → 1.</summary>
    public static void ScaleBytes(ReadOnlySpan<byte> source, Span<float> destination)
    {
        for (var i = 0; i < source.Length; i++) destination[i] = source[i] / 127.5f - 1f;
    }

    /// <summary>One NaN poisons every gradient it touches, so it is rejected here, not discovered mid-training.</summary>
    public static void EnsureFinite(ReadOnlySpan<float> values, int sampleSize, string where)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw new DatasetFormatException(
                    $"{where}: the value at flat index {i} (sample {i / sampleSize}) is {values[i]}; " +
                    "NaN and infinity are not allowed (a float64 value beyond the float32 range also becomes infinity).");
        }
    }

    /// <summary>
    /// Float images come in [0, 1] (most image libraries) or already in [−1, 1]. When no value is
    /// negative the data is taken as [0, 1] and stretched, the only reading that needs no metadata;
    /// anything outside [−1, 1] was scaled some other way (e.g. 0–255) and is refused, not guessed at.
    /// </summary>
    public static void NormaliseImages(Span<float> values, int sampleSize, string where)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (v < -1f || v > 1f)
                throw new DatasetFormatException(
                    $"{where}: float image values must lie in [0, 1] or [-1, 1], but the value at flat index {i} " +
                    $"(sample {i / sampleSize}) is {v}. Scale uint8 pixels by 1/255, or store them as uint8.");
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (min < 0f) return;
        for (var i = 0; i < values.Length; i++) values[i] = values[i] * 2f - 1f;
    }
}
