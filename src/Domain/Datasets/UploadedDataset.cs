using WganService.Gan.Datasets;

namespace WganService.Domain.Datasets;

/// <summary>
/// A dataset a user uploaded, already decoded: float32 samples (images scaled to [−1, 1]) stored in
/// <see cref="DatasetChunk"/> rows, so a worker on any host reads it from the database.
/// </summary>
public sealed class UploadedDataset
{
    /// <summary>Values per chunk: 1 Mi floats (4 MiB), small enough for any database round trip.</summary>
    public const int ChunkValues = 1 << 20;

    public Guid Id { get; init; }

    /// <summary>Who uploaded it: only this tenant's jobs (and admins') may train on it.</summary>
    public required string Tenant { get; init; }

    public required string Name { get; init; }
    public DatasetKind Kind { get; init; }
    public required int[] SampleShape { get; init; }
    /// <summary>Samples of the data itself (the training file); a held-out file's are <see cref="HeldOutCount"/>.</summary>
    public int Count { get; init; }

    /// <summary>
    /// Samples of the held-out file uploaded beside the data, stored after the data's samples (and its labels
    /// after the data's labels): evaluation draws its two held-out halves from it and training gets all of
    /// the data. Null when the halves are split from the data itself (<see cref="Gan.Datasets.HeldOutSplit"/>).
    /// </summary>
    public int? HeldOutCount { get; init; }

    /// <summary>Samples stored: the data's and the held-out file's.</summary>
    public int StoredCount => Count + (HeldOutCount ?? 0);
    public required string Format { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Samples per class label (index = label), or null for an unlabelled upload; the labels
    /// themselves are in <see cref="DatasetLabels"/>.</summary>
    public int[]? ClassCounts { get; init; }

    /// <summary>The number of distinct labels (classes that have at least one sample).</summary>
    public int? Classes => ClassCounts?.Count(c => c > 0);

    public DatasetInfo Info => new(Id.ToString(), Kind, SampleShape, BuiltIn: false) { DisplayName = Name };
}

public sealed class DatasetChunk
{
    public Guid DatasetId { get; init; }
    public int Index { get; init; }
    public required byte[] Data { get; init; }
}

/// <summary>A labelled dataset's class labels, one byte per stored sample in sample order (labels are 0–255).</summary>
public sealed class DatasetLabels
{
    public Guid DatasetId { get; init; }
    public required byte[] Data { get; init; }
}
