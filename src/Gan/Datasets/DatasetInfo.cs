namespace WganService.Gan.Datasets;

/// <summary>
/// What a job needs to know about its data before training: its kind and the shape of one sample. <see cref="Name"/> is
/// how a job refers to it (a built-in's name, an upload's id); <see cref="DisplayName"/> is what people call it.
/// </summary>
public sealed record DatasetInfo(string Name, DatasetKind Kind, IReadOnlyList<int> SampleShape, bool BuiltIn)
{
    /// <summary>The name it was given: a built-in's own name, the name an upload was given (never its id).</summary>
    public string DisplayName { get; init; } = Name;

    public int SampleSize => SampleShape.Aggregate(1, (a, b) => a * b);
}
