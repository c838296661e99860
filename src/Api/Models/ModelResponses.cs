using WganService.Domain.Models;
using WganService.Domain.Models.Registry;

namespace WganService.Api.Models;

/// <summary>
/// A model version; <see cref="Reference"/> ("name:version") is what /generate's <c>model</c> field takes for exactly it
/// (in <see cref="Tenant"/>'s names).
/// </summary>
public sealed record ModelVersionResponse(string Tenant, string Name, int Version, string Reference, Guid JobId, string Checkpoint,
    int GeneratorStep, string? Description, DateTimeOffset CreatedAt)
{
    public static ModelVersionResponse From(ModelVersionInfo v) =>
        new(v.Tenant, v.Name, v.Version, v.Reference, v.JobId, v.Checkpoint, v.GeneratorStep, v.Description, v.CreatedAt);
}

/// <summary>
/// A model's name with its newest remaining version (null when all were deleted); names are unique per <see cref="Tenant"/>.
/// </summary>
public sealed record ModelSummaryResponse(string Tenant, string Name, int? LatestVersion, int VersionCount, DateTimeOffset CreatedAt);

public sealed record ModelListResponse(IReadOnlyList<ModelSummaryResponse> Items);

/// <summary>A model with its versions, newest first.</summary>
public sealed record ModelResponse(string Tenant, string Name, DateTimeOffset CreatedAt, IReadOnlyList<ModelVersionResponse> Versions);
