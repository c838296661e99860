using WganService.Gan.Evaluation;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Evaluation;

public class LaplacianPyramidTests
{
    [Fact]
    public void Levels_HalveWhileTheSideIsAtLeastEight()
    {
        Assert.Equal([28, 14], LaplacianPyramid.LevelSides(28));
        Assert.Equal([32, 16, 8], LaplacianPyramid.LevelSides(32));
        Assert.Equal([64, 32, 16, 8], LaplacianPyramid.LevelSides(64));
        Assert.Equal([30, 15, 8], LaplacianPyramid.LevelSides(30));
    }

    [Fact]
    public void Pyramid_Of28x28_HasTheDocumentedLevels_AndAConstantImageHasNoDetail()
    {
        using var scope = NewDisposeScope();
        var images = full([2, 3, 28, 28], 0.25f);

        var pyramid = LaplacianPyramid.Build(images);

        Assert.Equal([[2L, 3, 28, 28], [2L, 3, 14, 14]], pyramid.Select(level => level.shape).ToArray());
        // Reflect padding keeps a constant image constant: no band-pass detail, a flat coarsest level.
        Assert.True(pyramid[0].abs().max().item<float>() < 1e-6f);
        Assert.True((pyramid[1] - 0.25f).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void CoarsestLevel_IsTheBinomialBlurDecimated()
    {
        using var scope = NewDisposeScope();
        // A single bright pixel at (8, 8) of a 16×16 image spreads into the 5×5 binomial kernel; keeping
        // every second pixel leaves, around (4, 4), the kernel's even taps: 6·6/256 at the centre.
        var image = zeros(1, 1, 16, 16);
        image[0, 0, 8, 8] = tensor(1f);

        var coarsest = LaplacianPyramid.Build(image)[1];

        Assert.Equal([1L, 1, 8, 8], coarsest.shape);
        Assert.Equal(36 / 256f, coarsest[0, 0, 4, 4].item<float>(), 6);
        Assert.Equal(6 / 256f, coarsest[0, 0, 3, 4].item<float>(), 6);
        Assert.Equal(1 / 256f, coarsest[0, 0, 3, 3].item<float>(), 6);
        Assert.Equal(0f, coarsest[0, 0, 2, 4].item<float>(), 6);
    }
}
