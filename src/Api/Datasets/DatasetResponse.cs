using WganService.Domain.Datasets;

namespace WganService.Api.Datasets;

/// <summary>
/// A dataset as clients see it; built-in sets have their name as id, no count and no tenant (they
/// belong to everyone); an upload's tenant is who uploaded it.
/// </summary>
public sealed record DatasetResponse(string Id, string Name, DatasetKind Kind, int? Count, IReadOnlyList<int> Shape, bool BuiltIn, string? Format, DateTimeOffset? CreatedAt, string? Tenant)
{
    public static DatasetResponse From(UploadedDataset d) => new(d.Id.ToString(), d.Name, d.Kind, d.Count, d.SampleShape, false, d.Format, d.CreatedAt, d.Tenant);

    public static DatasetResponse From(ToyDataset d) => new(d.Name, d.Name, DatasetKind.Vectors, null, d.Info.SampleShape, true, null, null, null);
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
