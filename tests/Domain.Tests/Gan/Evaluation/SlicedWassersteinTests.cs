using WganService.Domain.Datasets;
using WganService.Gan.Datasets;
using WganService.Gan.Evaluation;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Evaluation;

public class SlicedWassersteinTests
{
    [Fact]
    public void IdenticalSets_AreAtDistanceZero()
    {
        using var scope = NewDisposeScope();
        var points = randn(500, 3, generator: new Generator(1));

        Assert.Equal(0, SlicedWasserstein.Distance(points, points.flip(0)), 6);
    }

    [Fact]
    public void ShiftedSet_IsAtTheMeanProjectedShift()
    {
        using var scope = NewDisposeScope();
        var points = randn(1000, 2, generator: new Generator(2));
        var shift = tensor(new[] { 0.3f, -0.4f }); // length 0.5

        // A shift moves every sorted projection by v·θ, so SW₁ = E|v·θ| = |v|·E|cos φ| = 0.5 · 2/π in 2-D.
        Assert.Equal(0.5 * 2 / Math.PI, SlicedWasserstein.Distance(points, points + shift), 2);
    }

    [Fact]
    public void TwoRealSets_AreCloserThanRealAndCollapsed()
    {
        using var scope = NewDisposeScope();
        var ring = ToyDataset.EightGaussians;
        var real = ring.Sample(2500, new Generator(3), CPU);
        var otherReal = ring.Sample(2500, new Generator(4), CPU);
        var collapsed = tensor(new[] { ring.Centres![0, 0], ring.Centres[0, 1] }).repeat(2500, 1);

        Assert.True(SlicedWasserstein.Distance(real, otherReal) * 10 < SlicedWasserstein.Distance(real, collapsed));
    }

    [Fact]
    public void MismatchedShapes_AreRejected()
    {
        using var scope = NewDisposeScope();

        Assert.Throws<ArgumentException>(() => SlicedWasserstein.Distance(zeros(10, 2), zeros(11, 2)));
    }

    [Fact]
    public void SortedProjections_HoldOneAscendingRowPerDirection()
    {
        using var scope = NewDisposeScope();
        var sorted = SlicedWasserstein.SortedProjections(randn(300, 2, generator: new Generator(5)));

        Assert.Equal([SlicedWasserstein.Projections, 300], sorted.shape);
        Assert.True((sorted[.., 1..] >= sorted[.., ..^1]).all().item<bool>());
    }

    [Fact]
    public void ASortedReference_ReusedForManySets_GivesEachItsOwnDistance()
    {
        using var scope = NewDisposeScope();
        var random = new Generator(6);
        var reference = randn(400, 2, generator: random);
        var sortedReference = SlicedWasserstein.SortedProjections(reference);
        var untouched = sortedReference.clone();

        foreach (var shift in new[] { 0f, 0.5f, 2f })
        {
            var set = randn(400, 2, generator: random) + shift;
            // Symmetric, as a distance is: the set's projections against the reference's, or the other way round.
            Assert.Equal(SlicedWasserstein.DistanceToSorted(reference, SlicedWasserstein.SortedProjections(set)),
                SlicedWasserstein.DistanceToSorted(set, sortedReference), 5);
        }
        Assert.True(sortedReference.eq(untouched).all().item<bool>());
    }

    [Fact]
    public void AReferenceOfAnotherSize_IsRejected()
    {
        using var scope = NewDisposeScope();

        Assert.Throws<ArgumentException>(() =>
            SlicedWasserstein.DistanceToSorted(zeros(10, 2), SlicedWasserstein.SortedProjections(zeros(11, 2))));
    }
}
