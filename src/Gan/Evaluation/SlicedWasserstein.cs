using static TorchSharp.torch;

namespace WganService.Gan.Evaluation;

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
            throw new ArgumentException(
                $"Expected two n × d sets of the same shape, got [{string.Join(", ", a.shape)}] and [{string.Join(", ", b.shape)}].",
                nameof(b));
        using var sortedB = SortedProjections(b);
        return DistanceToSorted(a, sortedB);
    }

    /// <summary>
    /// The distance to a set given by its <see cref="SortedProjections"/>: an evaluator compares every
    /// generated batch with the same held-out set, and sorting is most of the cost, so it sorts that
    /// set once (bench/EvaluationBench).
    /// </summary>
    /// <param name="a">n × d</param>
    /// <param name="sortedReference">Projections × n, from <see cref="SortedProjections"/> of an n × d set</param>
    public static double DistanceToSorted(Tensor a, Tensor sortedReference)
    {
        if (a.dim() != 2 || sortedReference.dim() != 2 || sortedReference.shape[0] != Projections || sortedReference.shape[1] != a.shape[0])
            throw new ArgumentException(
                $"Expected an n × d set and the {Projections} × n sorted projections of another, " +
                $"got [{string.Join(", ", a.shape)}] and [{string.Join(", ", sortedReference.shape)}].",
                nameof(sortedReference));
        using var scope = NewDisposeScope();
        var sortedA = SortedProjections(a);
        return (sortedA - sortedReference).abs().mean().item<float>();
    }

    /// <summary>
    /// The set projected on every direction and sorted, one row per direction (Projections × n): rows,
    /// not columns, so each sort runs over contiguous memory, which libtorch sorts about 1.6× as fast.
    /// </summary>
    /// <param name="set">n × d</param>
    public static Tensor SortedProjections(Tensor set)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var directions = Directions(set.shape[1], set.device);
        return directions.t().matmul(set.to_type(ScalarType.Float32).t()).sort(-1).Values.MoveToOuterDisposeScope();
    }

    /// <summary>d × Projections unit vectors, the same for every call with the same d.</summary>
    private static Tensor Directions(long dimensions, Device device)
    {
        using var random = new Generator(ProjectionSeed);
        var directions = randn([dimensions, Projections], generator: random);
        return (directions / directions.norm(0, keepdim: true)).to(device);
    }
}
