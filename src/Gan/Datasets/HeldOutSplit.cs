using static TorchSharp.torch;

namespace WganService.Gan.Datasets;

/// <summary>
/// Splits an uploaded dataset into training samples and two equal held-out halves that training
/// never sees (one to compare the generator against, one for the real-vs-real floor). The split
/// depends only on the dataset's size, so every job on a dataset holds out the same samples, and a
/// dataset's labels (one per sample) split by the same call line up with their samples.
/// </summary>
public static class HeldOutSplit
{
    private const ulong SplitSeed = 31_337;

    /// <summary>Per half: a tenth of the data, at most <paramref name="maxHalf"/>, at least one.</summary>
    public static (Tensor Training, Tensor HeldOutA, Tensor HeldOutB) Split(Tensor samples, int maxHalf)
    {
        var count = samples.shape[0];
        var half = Math.Clamp(count / 20, 1, maxHalf);
        if (count < 2 * half + 1)
            throw new InvalidOperationException($"A dataset needs at least 3 samples to hold some out; it has {count}.");
        using var scope = NewDisposeScope();
        using var random = new Generator(SplitSeed);
        var order = randperm(count, generator: random).to(samples.device);
        var heldOutA = samples.index_select(0, order[..(int)half]);
        var heldOutB = samples.index_select(0, order[(int)half..(int)(2 * half)]);
        var training = samples.index_select(0, order[(int)(2 * half)..]);
        return (training.MoveToOuterDisposeScope(), heldOutA.MoveToOuterDisposeScope(), heldOutB.MoveToOuterDisposeScope());
    }
}
