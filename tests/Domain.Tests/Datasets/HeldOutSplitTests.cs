using WganService.Gan.Datasets;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Datasets;

/// <summary>
/// The held-out split: from the data (a twentieth per half, capped) or from a held-out file stored after the
/// data (training gets all of the data). Samples are numbered 0…n−1, so each side shows which samples it got.
/// </summary>
public class HeldOutSplitTests
{
    private static long[] Ids(Tensor samples) => samples.data<long>().ToArray();

    [Fact]
    public void FromTheData_HoldsOutATwentiethPerHalf_Disjointly()
    {
        using var scope = NewDisposeScope();
        var samples = arange(200L);

        var (training, a, b) = HeldOutSplit.Split(samples, maxHalf: 500);

        Assert.Equal((180L, 10L, 10L), (training.shape[0], a.shape[0], b.shape[0]));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), Ids(training).Concat(Ids(a)).Concat(Ids(b)).Order());
    }

    [Fact]
    public void WithAHeldOutFile_TrainingIsAllOfTheData_InOrder_AndTheHalvesComeFromTheFile()
    {
        using var scope = NewDisposeScope();
        var samples = arange(120L); // 100 data samples, then 20 of the held-out file

        var (training, a, b) = HeldOutSplit.Split(samples, heldOutCount: 20, maxHalf: 500);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), Ids(training));
        Assert.Equal((10L, 10L), (a.shape[0], b.shape[0]));
        Assert.Equal(Enumerable.Range(100, 20).Select(i => (long)i), Ids(a).Concat(Ids(b)).Order());
        // Shuffled: a held-out file ordered by class must not give half A the first classes and half B the rest.
        Assert.NotEqual(Enumerable.Range(100, 10).Select(i => (long)i), Ids(a));
    }

    [Fact]
    public void WithAHeldOutFile_EachHalfIsCapped_AndTheSplitIsTheSameEveryTime_ForLabelsToo()
    {
        using var scope = NewDisposeScope();
        var samples = arange(130L);
        var labels = samples.remainder(10); // a sample's label follows from its number

        var (_, a, b) = HeldOutSplit.Split(samples, heldOutCount: 30, maxHalf: 8);
        var (_, again, _) = HeldOutSplit.Split(samples, heldOutCount: 30, maxHalf: 8);
        var (_, labelsA, labelsB) = HeldOutSplit.Split(labels, heldOutCount: 30, maxHalf: 8);

        Assert.Equal((8L, 8L), (a.shape[0], b.shape[0]));
        Assert.Equal(Ids(a), Ids(again));
        Assert.Equal(Ids(a).Select(i => i % 10), Ids(labelsA));
        Assert.Equal(Ids(b).Select(i => i % 10), Ids(labelsB));
    }

    [Theory]
    [InlineData(1, 10)]  // one held-out sample cannot make two halves
    [InlineData(10, 10)] // nothing left to train on
    public void WithAHeldOutFile_TooFewSamples_AreRefused(int heldOut, int total)
    {
        using var samples = arange((long)total);

        Assert.Throws<InvalidOperationException>(() => HeldOutSplit.Split(samples, heldOut, maxHalf: 500));
    }
}
