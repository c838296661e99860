namespace WganService.Domain.Persistence;

/// <summary>
/// Binary output of a job kept in the database, so an Api or worker on any host can use it without
/// a shared disk. One row per job and kind; a newer one replaces the older.
/// </summary>
public sealed class Artifact
{
    public Guid JobId { get; init; }
    public required string Kind { get; init; }
    public int GeneratorStep { get; set; }
    public required byte[] Data { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class ArtifactKinds
{
    /// <summary>The generator's weights at the end of training (TorchSharp format).</summary>
    public const string FinalGenerator = "generator-final";

    /// <summary>The generator with the lowest sliced Wasserstein distance seen at any evaluation.</summary>
    public const string BestGenerator = "generator-best";

    /// <summary>The latest full training state (<see cref="Gan.TrainingCheckpoint"/>): networks, optimisers, RNG, step.</summary>
    public const string Checkpoint = "checkpoint";

    /// <summary>The generator kind that a client's checkpoint name picks: "final", else "best".</summary>
    public static string Generator(string checkpoint) => checkpoint == "final" ? FinalGenerator : BestGenerator;
}
