namespace WganService.Api.Models;

public sealed record RegisterModelRequest
{
    /// <summary>The model's name: 1 to 100 characters of a–z, 0–9, '.', '_' and '-', starting with a letter or digit.</summary>
    public string? Name { get; init; }

    /// <summary>The job whose generator becomes the next version.</summary>
    public Guid? JobId { get; init; }

    /// <summary>"best" (default) or "final".</summary>
    public string? Checkpoint { get; init; }

    /// <summary>Free text kept with the version (at most 1,000 characters).</summary>
    public string? Description { get; init; }
}
