namespace WganService.Domain.Models;

/// <summary>
/// A name under which trained generators are published for other services (<c>model: "name"</c> in
/// /generate). It outlives its versions and remembers the last number it issued, so a number is
/// never given to two different generators, even after the latest version is deleted (as MLflow does).
/// </summary>
public sealed class RegisteredModel
{
    public const int MaxNameLength = 100;

    /// <summary>Who owns the name: names are unique per tenant, so two tenants may both have a "digits".</summary>
    public required string Tenant { get; init; }

    public required string Name { get; init; }

    /// <summary>The last version number issued; a concurrency token, so two registrations cannot take the same one.</summary>
    public int LastVersion { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<ModelVersion> Versions { get; } = [];
}

/// <summary>
/// One published generator: a copy of the job's weights taken when it was registered. A training job
/// replaces its best generator as it improves; a model version never changes.
/// </summary>
public sealed class ModelVersion
{
    /// <summary>The model's tenant: part of the key, as the name is unique only within it.</summary>
    public required string Tenant { get; init; }

    public required string Name { get; init; }
    public int Version { get; init; }
    public Guid JobId { get; init; }

    /// <summary>"best" or "final": which of the job's generators was copied.</summary>
    public required string Checkpoint { get; init; }

    public int GeneratorStep { get; init; }
    public required byte[] Weights { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
