namespace WganService.Gan.Datasets;

/// <summary>What a job needs to know about its data before training: its kind and the shape of one sample.</summary>
public sealed record DatasetInfo(string Name, DatasetKind Kind, IReadOnlyList<int> SampleShape, bool BuiltIn)
{
    public int SampleSize => SampleShape.Aggregate(1, (a, b) => a * b);
}
