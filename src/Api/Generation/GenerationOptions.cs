using WganService.Gan.Serving;

namespace WganService.Api.Generation;

/// <summary>Bound from the "Generation" configuration section.</summary>
public sealed class GenerationOptions
{
    public const string Section = "Generation";

    /// <summary>Most samples one request may ask for.</summary>
    public int MaxCount { get; set; } = 10_000;

    /// <summary>Memory the generator cache may hold, counted as stored weight bytes (a 28×28 DCGAN generator is ~3 MB).</summary>
    public long CacheBytes { get; set; } = 512L * 1024 * 1024;

    public BatchingOptions Batching { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    public IEnumerable<string> Problems()
    {
        if (MaxCount < 1) yield return "Generation:MaxCount must be positive.";
        if (CacheBytes < 1) yield return "Generation:CacheBytes must be positive.";
        if (Batching.Window < TimeSpan.Zero || Batching.Window > TimeSpan.FromSeconds(1))
            yield return "Generation:Batching:Window must be between 0 and 1 second.";
        if (Batching.MaxBatchSamples < BatchedForward.LargestQuantum || Batching.MaxBatchSamples % BatchedForward.LargestQuantum != 0)
            yield return $"Generation:Batching:MaxBatchSamples must be a positive multiple of {BatchedForward.LargestQuantum}.";
        if (RateLimit.PermitsPerSecond < 0 || RateLimit.Burst < 0) yield return "Generation:RateLimit values cannot be negative.";
    }
}

public sealed class BatchingOptions
{
    /// <summary>How long a batch waits, after its first request, for requests known to be on their way.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Most rows in one forward pass; larger requests go in pieces of this size.</summary>
    public int MaxBatchSamples { get; set; } = 1024;
}

/// <summary>A token bucket per client address; <see cref="PermitsPerSecond"/> 0 turns limiting off.</summary>
public sealed class RateLimitOptions
{
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Requests a client may make at once after being idle.</summary>
    public int Burst { get; set; } = 100;
}
