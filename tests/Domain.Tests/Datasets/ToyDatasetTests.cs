using WganService.Domain.Datasets;
using WganService.Gan.Datasets;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Datasets;

public class ToyDatasetTests
{
    [Theory]
    [InlineData("8gaussians", 8, 2 / 1.414)]
    [InlineData("25gaussians", 25, 4 / 2.828 * 1.41421356)]
    public void Mixture_HasAuthorsCentres(string name, int modes, double farthestCentre)
    {
        var dataset = ToyDataset.Find(name)!;

        Assert.Equal(modes, dataset.Centres!.GetLength(0));
        var radii = Enumerable.Range(0, modes)
            .Select(i => Math.Sqrt(Math.Pow(dataset.Centres[i, 0], 2) + Math.Pow(dataset.Centres[i, 1], 2)));
        Assert.Equal(farthestCentre, radii.Max(), 1e-4);
    }

    [Fact]
    public void SwissRoll_HasNoModes_AndSpansItsRoll()
    {
        using var scope = NewDisposeScope();
        var points = ToyDataset.SwissRoll.Sample(5000, new Generator(1), CPU);

        Assert.Null(ToyDataset.SwissRoll.Centres);
        Assert.Equal(new long[] { 5000, 2 }, points.shape);
        // t ∈ [1.5π, 4.5π] so the roll reaches radius 4.5π/7.5 ≈ 1.88 (plus noise).
        var radius = points.square().sum(1).sqrt();
        Assert.InRange(radius.max().item<float>(), 1.7f, 2.2f);
        Assert.InRange(radius.min().item<float>(), 0.3f, 0.8f);
    }
}
