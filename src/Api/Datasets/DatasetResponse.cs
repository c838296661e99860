using System.Globalization;
using WganService.Domain.Datasets;
using WganService.Gan.Datasets;

namespace WganService.Api.Datasets;

/// <summary>
/// A dataset as clients see it; built-in sets have their name as id, no count and no tenant (they
/// belong to everyone); an upload's tenant is who uploaded it. A labelled upload shows its number of
/// classes and the samples per label ("7": 1028), and once a job has trained on it, its classifier;
/// unlabelled ones have null there. Count is the data's samples; HeldOutCount those of the held-out file
/// uploaded beside it (null when evaluation holds out part of the data instead).
/// </summary>
public sealed record DatasetResponse(
    string Id, string Name, DatasetKind Kind, int? Count, IReadOnlyList<int> Shape, bool BuiltIn,
    string? Format, DateTimeOffset? CreatedAt, string? Tenant,
    int? Classes = null, IReadOnlyDictionary<string, int>? ClassCounts = null, ClassifierResponse? Classifier = null,
    int? HeldOutCount = null)
{
    public static DatasetResponse From(UploadedDataset d, DatasetClassifier? classifier = null) => new(
        d.Id.ToString(), d.Name, d.Kind, d.Count, d.SampleShape, false, d.Format, d.CreatedAt, d.Tenant, d.Classes,
        d.ClassCounts?.Select((count, label) => (count, label)).Where(c => c.count > 0)
            .ToDictionary(c => c.label.ToString(CultureInfo.InvariantCulture), c => c.count),
        classifier is null ? null : ClassifierResponse.From(classifier), d.HeldOutCount);

    public static DatasetResponse From(ToyDataset d)
        => new(d.Name, d.Name, DatasetKind.Vectors, null, d.Info.SampleShape, true, null, null, null);
}

public sealed record DatasetListResponse(IReadOnlyList<DatasetResponse> Items);

/// <summary>Bound from the "Datasets" configuration section.</summary>
public sealed class DatasetOptions
{
    public const string Section = "Datasets";

    /// <summary>The largest upload, and the largest decompressed content (gzip, zip), in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    public int MaxSamples { get; set; } = 1_000_000;
}
