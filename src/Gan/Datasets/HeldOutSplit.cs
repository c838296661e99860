using static TorchSharp.torch;

namespace WganService.Gan.Datasets;

/// <summary>
/// Splits an uploaded dataset into training samples and two equal held-out halves that training
/// never sees (one to compare the generator against, one for the real-vs-real floor). The split
/// depends only on the dataset's size (and on the size of the held-out file uploaded beside it, if
/// any), so every job on a dataset holds out the same samples, and a dataset's labels (one per
/// sample) split by the same call line up with their samples.
/// </summary>
public static class HeldOutSplit
{
    private const ulong SplitSeed = 31_337;

    /// <summary>Per half: a twentieth of the data, at most <paramref name="maxHalf"/>, at least one.</summary>
    public static (Tensor Training, Tensor HeldOutA, Tensor HeldOutB) Split(Tensor samples, int maxHalf)
    {
        var count = samples.shape[0];
        var half = Math.Clamp(count / 20, 1, maxHalf);
        if (count < 2 * half + 1)
            throw new InvalidOperationException($"A dataset needs at least 3 samples to hold some out; it has {count}.");
        return Take(samples, half);
    }

    /// <summary>
    /// For data uploaded with a held-out file: <paramref name="samples"/> holds the data's samples, then the
    /// <paramref name="heldOutCount"/> samples of the held-out file. Training gets all of the data; the
    /// halves are drawn from the held-out file alone (shuffled, since such files are often ordered by
    /// class), half of it each, at most <paramref name="maxHalf"/>.
    /// </summary>
    public static (Tensor Training, Tensor HeldOutA, Tensor HeldOutB) Split(Tensor samples, int heldOutCount, int maxHalf)
    {
        var trainingCount = samples.shape[0] - heldOutCount;
        if (heldOutCount < 2 || trainingCount < 1)
            throw new InvalidOperationException(
                $"{heldOutCount} held-out samples in {samples.shape[0]}: need at least 2 held out and 1 to train on.");
        using var scope = NewDisposeScope();
        // Held-out samples beyond the two halves are not used; the scope frees them.
        var (_, heldOutA, heldOutB) = Take(samples[(int)trainingCount..], Math.Min(heldOutCount / 2, maxHalf));
        var training = samples[..(int)trainingCount];
        return (training.MoveToOuterDisposeScope(), heldOutA.MoveToOuterDisposeScope(), heldOutB.MoveToOuterDisposeScope());
    }

    /// <summary>Two halves of <paramref name="half"/> samples in a seeded random order, and the rest.</summary>
    private static (Tensor Others, Tensor HeldOutA, Tensor HeldOutB) Take(Tensor samples, long half)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(SplitSeed);
        var order = randperm(samples.shape[0], generator: random).to(samples.device);
        var heldOutA = samples.index_select(0, order[..(int)half]);
        var heldOutB = samples.index_select(0, order[(int)half..(int)(2 * half)]);
        var rest = samples.index_select(0, order[(int)(2 * half)..]);
        return (rest.MoveToOuterDisposeScope(), heldOutA.MoveToOuterDisposeScope(), heldOutB.MoveToOuterDisposeScope());
    }
}
