using static TorchSharp.torch;

namespace WganService.Domain.Gan.Evaluation;

/// <summary>
/// Sliced Wasserstein distance (SW₁) between two equally sized sample sets: project both onto random
/// unit directions, sort each projection, and average the absolute differences of the sorted values
/// (as in Karras et al. 2018's reference implementation). The directions come from a fixed seed, so
/// a number means the same thing for every job.
/// </summary>
public static class SlicedWasserstein
{
    public const int Projections = 512;
    public const ulong ProjectionSeed = 20_180_213;

    /// <param name="a">n × d</param>
    /// <param name="b">n × d, same n and d as <paramref name="a"/></param>
    public static double Distance(Tensor a, Tensor b)
    {
        if (a.dim() != 2 || !a.shape.SequenceEqual(b.shape))
            throw new ArgumentException($"Expected two n × d sets of the same shape, got [{string.Join(", ", a.shape)}] and [{string.Join(", ", b.shape)}].", nameof(b));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var directions = Directions(a.shape[1], a.device);
        var projectedA = a.to_type(ScalarType.Float32).matmul(directions).sort(0).Values;
        var projectedB = b.to_type(ScalarType.Float32).matmul(directions).sort(0).Values;
        return (projectedA - projectedB).abs().mean().item<float>();
    }

    /// <summary>d × Projections unit vectors, the same for every call with the same d.</summary>
    private static Tensor Directions(long dimensions, Device device)
    {
        using var random = new Generator(ProjectionSeed);
        var directions = randn([dimensions, Projections], generator: random);
        return (directions / directions.norm(0, keepdim: true)).to(device);
    }
}
