namespace WganService.Gan.Datasets.Readers;

/// <summary>
/// An uploaded file decoded into training data: <paramref name="Count"/> samples of
/// <paramref name="SampleShape"/> (images [C, H, W] scaled to [−1, 1], vectors [D] as given), stored
/// row-major in <paramref name="Values"/>. <paramref name="Format"/> says which reader decoded it.
/// </summary>
public sealed record ParsedDataset(DatasetKind Kind, int[] SampleShape, int Count, float[] Values, string Format)
{
    public int SampleSize => SampleShape.Aggregate(1, (a, b) => a * b);
}
