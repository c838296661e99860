namespace WganService.Api.Generation;

public sealed record GenerateRequest
{
    /// <summary>The job whose generator samples.</summary>
    public Guid? JobId { get; init; }

    /// <summary>How many samples (1 … Generation:MaxCount).</summary>
    public int? Count { get; init; }

    /// <summary>Same seed, same generator → same samples. Chosen at random when absent and echoed.</summary>
    public long? Seed { get; init; }

    /// <summary>"json" (default).</summary>
    public string? Format { get; init; }

    /// <summary>"best" (default: the lowest held-out SWD seen) or "final" (the end of training).</summary>
    public string? Checkpoint { get; init; }
}

public sealed record GenerateResponse(Guid JobId, string Checkpoint, int GeneratorStep, long Seed, int Count, IReadOnlyList<int> Shape, float[][] Samples);

/// <summary>Bound from the "Generation" configuration section.</summary>
public sealed class GenerationOptions
{
    public const string Section = "Generation";

    public int MaxCount { get; set; } = 10_000;
}
