using SkiaSharp;
using WganService.Gan;
using WganService.Gan.Evaluation;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Evaluation;

public class ImageEvaluatorTests
{
    private const int LatentDim = 100;

    [Fact]
    public void UntrainedGenerator_ScoresAboveTheFloor_AndIsDrawnAsAnEightByEightGrid()
    {
        using var evaluator = new ImageEvaluator(
            SyntheticImages.Blobs(100, seed: 1), SyntheticImages.Blobs(100, seed: 2), LatentDim, jobSeed: 1, CPU);
        manual_seed(1);
        using var generator = new DcganGenerator(LatentDim, 1, 28);

        var result = evaluator.Evaluate(generator, generatorStep: 3);

        Assert.Equal(3, result.GeneratorStep);
        Assert.Null(result.Coverage);
        Assert.Equal(evaluator.Floor, result.SlicedWassersteinFloor);
        // Seen here: SWD ≈ 0.37 against a floor ≈ 0.03.
        Assert.True(
            result.SlicedWasserstein > 5 * result.SlicedWassersteinFloor,
            $"SWD {result.SlicedWasserstein} vs floor {result.SlicedWassersteinFloor}");
        using var picture = SKBitmap.Decode(result.SamplePng);
        Assert.Equal((8 * 56 + 7 * 2, 8 * 56 + 7 * 2), (picture.Width, picture.Height));
        Assert.True(generator.training, "Evaluation must hand the generator back in training mode.");
    }

    [Fact]
    public void GeneratorOfTheRealDistribution_ScoresNearTheFloor()
    {
        using var evaluator = new ImageEvaluator(
            SyntheticImages.Blobs(100, seed: 1), SyntheticImages.Blobs(100, seed: 2), LatentDim, jobSeed: 1, CPU);
        using var generator = new BlobSampler();

        var result = evaluator.Evaluate(generator, generatorStep: 0);

        Assert.True(
            result.SlicedWasserstein < 2 * result.SlicedWassersteinFloor,
            $"SWD {result.SlicedWasserstein} vs floor {result.SlicedWassersteinFloor}");
    }

    [Fact]
    public void SameJobSeed_GivesSameEvaluation()
    {
        manual_seed(2);
        using var generator = new DcganGenerator(LatentDim, 1, 28);
        using var first = new ImageEvaluator(
            SyntheticImages.Stripes(50, seed: 4), SyntheticImages.Stripes(50, seed: 5), LatentDim, jobSeed: 9, CPU);
        using var second = new ImageEvaluator(
            SyntheticImages.Stripes(50, seed: 4), SyntheticImages.Stripes(50, seed: 5), LatentDim, jobSeed: 9, CPU);

        var (a, b) = (first.Evaluate(generator, 1), second.Evaluate(generator, 1));

        Assert.Equal(a.SlicedWasserstein, b.SlicedWasserstein);
        Assert.Equal(a.SlicedWassersteinFloor, b.SlicedWassersteinFloor);
        Assert.Equal(a.SamplePng, b.SamplePng);
    }

    [Fact]
    public void Evaluator_OutlivesTheDisposeScopeItWasBuiltIn()
    {
        ImageEvaluator evaluator;
        using (NewDisposeScope())
        {
            evaluator = new ImageEvaluator(
                SyntheticImages.Blobs(20, seed: 1), SyntheticImages.Blobs(20, seed: 2), LatentDim, jobSeed: 1, CPU);
        }
        using var owned = evaluator;
        manual_seed(3);
        using var generator = new DcganGenerator(LatentDim, 1, 28);

        Assert.True(evaluator.Evaluate(generator, 0).SlicedWasserstein > 0);
    }

    /// <summary>Ignores its latents and draws fresh real-distribution images: a perfect generator.</summary>
    private sealed class BlobSampler() : nn.Module<Tensor, Tensor>(nameof(BlobSampler))
    {
        private ulong _seed = 1_000;

        public override Tensor forward(Tensor input) => SyntheticImages.Blobs(input.shape[0], _seed++);
    }
}
