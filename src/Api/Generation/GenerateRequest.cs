namespace WganService.Api.Generation;

public sealed record GenerateRequest
{
    /// <summary>The job whose generator samples. Give this or <see cref="Model"/>.</summary>
    public Guid? JobId { get; init; }

    /// <summary>A registered model: "name" (its latest version) or "name:version".</summary>
    public string? Model { get; init; }

    /// <summary>
    /// How many samples (1 … Generation:MaxCount); default 1. Set by <see cref="Latents"/> or <see cref="Interpolate"/> when given.
    /// </summary>
    public int? Count { get; init; }

    /// <summary>Same seed, same generator → same samples. Chosen at random when absent and echoed.</summary>
    public long? Seed { get; init; }

    /// <summary>"json" (default), "png" (an image grid, or a scatter plot for 2-D vectors) or "npy" (float32).</summary>
    public string? Format { get; init; }

    /// <summary>"best" (default: the lowest held-out SWD seen, or the lowest FD on labelled image sets) or "final"
    /// (the end of training). Jobs only: a model version fixes its own.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>Explicit latent vectors, one per sample, each as long as the generator's latent size.</summary>
    public float[][]? Latents { get; init; }

    /// <summary>Samples along the spherical path between two seeds' latents.</summary>
    public InterpolationRequest? Interpolate { get; init; }

    /// <summary>
    /// ψ of the truncation trick: latent components beyond ±ψ are drawn again (0.1 … 10). Trades variety for quality.
    /// </summary>
    public double? Truncation { get; init; }
}

public sealed record InterpolationRequest
{
    /// <summary>The seed whose latent starts the path.</summary>
    public long? From { get; init; }

    /// <summary>The seed whose latent ends it.</summary>
    public long? To { get; init; }

    /// <summary>Points on the path, both ends included (2 … Generation:MaxCount).</summary>
    public int? Steps { get; init; }
}

/// <param name="JobId">The job that trained the generator.</param>
/// <param name="Model">"name:version" when the request named a model.</param>
/// <param name="Checkpoint">"best" or "final".</param>
/// <param name="GeneratorStep">The training step the weights come from.</param>
/// <param name="Seed">The seed the latents came from; null for explicit latents and interpolations.</param>
/// <param name="Count">Samples returned.</param>
/// <param name="Shape">[count, …sample shape].</param>
/// <param name="Samples">Each sample flattened in C order.</param>
public sealed record GenerateResponse(Guid JobId, string? Model, string Checkpoint, int GeneratorStep, long? Seed, int Count,
    IReadOnlyList<int> Shape, float[][] Samples);
