using SkiaSharp;
using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Gan.Datasets;
using WganService.Gan.Evaluation;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Evaluation;

public class VectorEvaluatorTests
{
    [Fact]
    public void UntrainedGenerator_ScoresFarAboveTheFloor_AndIsPlotted()
    {
        using var evaluator = VectorEvaluator.ForToy(ToyDataset.EightGaussians, latentDim: 2, jobSeed: 1, CPU);
        manual_seed(1);
        using var generator = new Mlp(2, 2, hidden: 16);

        var result = evaluator.Evaluate(generator, generatorStep: 0);

        Assert.InRange(result.SlicedWassersteinFloor, 1e-4, 0.05);
        Assert.True(
            result.SlicedWasserstein > 5 * result.SlicedWassersteinFloor,
            $"SWD {result.SlicedWasserstein} vs floor {result.SlicedWassersteinFloor}");
        Assert.Equal(8, result.Coverage!.Modes);
        using var picture = SKBitmap.Decode(result.SamplePng);
        Assert.Equal((ScatterPlot.Size, ScatterPlot.Size), (picture.Width, picture.Height));
        Assert.True(generator.training, "Evaluation must hand the generator back in training mode.");
    }

    [Fact]
    public void SameJobSeed_GivesSameEvaluation()
    {
        using var generator = new Mlp(2, 2, hidden: 16);
        using var first = VectorEvaluator.ForToy(ToyDataset.TwentyFiveGaussians, 2, jobSeed: 9, CPU);
        using var second = VectorEvaluator.ForToy(ToyDataset.TwentyFiveGaussians, 2, jobSeed: 9, CPU);

        Assert.Equal(first.Evaluate(generator, 1).SlicedWasserstein, second.Evaluate(generator, 1).SlicedWasserstein);
    }
}
