using System.Globalization;
using WganService.Bench.Classifier;
using WganService.Gan.Datasets.Readers;
using WganService.Gan.Classifier;
using WganService.Gan.Evaluation;
using static TorchSharp.torch;

namespace WganService.Bench.Quality;

/// <summary>
/// Judges every recipe by the same yardstick: the service's domain classifier (trained once on the
/// training split), FD against held-out half A of the test split, as many samples as half A holds.
/// Writes the 8×8 sample grid of each judgement with the service's ImageGrid.
/// </summary>
public sealed class QualityJudge(ClassifierEvaluation evaluation, int samples, string outFolder) : IDisposable
{
    private const ulong LatentSeed = 7;

    /// <summary>
    /// The service's classifier trained on the training split (<paramref name="steps"/>: the worker's count when null),
    /// judging against half A of the test split with its floor against half B (the split interleaves the classes, so
    /// each half is class-balanced); with its accuracy and real confident share on the whole test split.
    /// </summary>
    public static (QualityJudge Judge, double Accuracy, double RealConfidentShare, bool CutShort) Train(
        Tensor train, Tensor trainLabels, Tensor test, Tensor testLabels, string outFolder, int? steps = null)
    {
        var (classifier, cutShort) = MnistFiles.TrainClassifier(train, trainLabels, steps);
        var (accuracy, confident) = ClassifierEvaluation.OnRealImages(classifier, test, testLabels);
        var half = (int)test.shape[0] / 2;
        var judge = new QualityJudge(new ClassifierEvaluation(classifier, test[..half], test[half..]), half, outFolder);
        return (judge, accuracy, confident, cutShort);
    }

    /// <summary>Images each recipe generates per judgement (the size of held-out half A).</summary>
    public int Samples => samples;

    public double Floor => evaluation.Floor;

    /// <summary>The service's yardstick: real half B with Gaussian noise σ 0.3 added.</summary>
    public double NoiseDistance(Tensor heldOutB) => evaluation.NoiseDistance(heldOutB);

    /// <summary>The critic's W estimate on held-out data, as a job's evaluation reads it, on the judge's samples.</summary>
    public double HeldOutWasserstein(nn.Module<Tensor, Tensor> critic, nn.Module<Tensor, Tensor> generator, int latentDim, Tensor real) =>
        OnSamples(generator, latentDim, images => WganService.Gan.Evaluation.HeldOutWasserstein.Read(critic, real, images));

    /// <summary>The generator's samples on latents fixed per bench run (eval mode, as the service evaluates).</summary>
    public ClassifierScores Judge(nn.Module<Tensor, Tensor> generator, int latentDim, string recipe, double minutes) =>
        OnSamples(generator, latentDim, images => Judge(images, recipe, minutes));

    /// <summary>Samples saved by another program as .npy (N, 1, 28, 28) in [−1, 1], read by the service's reader.</summary>
    public ClassifierScores Judge(string npyPath, string recipe, double minutes)
    {
        using var scope = NewDisposeScope();
        var parsed = DatasetReader.Read(File.OpenRead(npyPath), 1L << 30, 1_000_000);
        if (parsed.Count != samples) throw new InvalidDataException($"{npyPath}: {parsed.Count} samples, expected {samples}.");
        return Judge(tensor(parsed.Values, [parsed.Count, .. parsed.SampleShape.Select(d => (long)d)]), recipe, minutes);
    }

    /// <summary>Hands <paramref name="use"/> the generator's samples on the judge's fixed latents, made in eval mode.</summary>
    private T OnSamples<T>(nn.Module<Tensor, Tensor> generator, int latentDim, Func<Tensor, T> use)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var random = new Generator(LatentSeed);
        var latents = randn([samples, latentDim], generator: random);
        generator.eval();
        try
        {
            return use(cat([.. latents.split(ImageEvaluator.GenerationBatch).Select(generator.forward)], 0));
        }
        finally
        {
            generator.train();
        }
    }

    private ClassifierScores Judge(Tensor images, string recipe, double minutes)
    {
        File.WriteAllBytes(
            Path.Combine(outFolder, GridName(recipe, minutes)),
            ImageGrid.Render(images[..ImageEvaluator.GridImages], ImageEvaluator.GridColumns));
        return evaluation.Score(images);
    }

    /// <summary>The grid's file name in the output folder ("dcgan-2.5min.png").</summary>
    public static string GridName(string recipe, double minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{recipe}-{minutes:g}min.png");

    public void Dispose() => evaluation.Dispose();
}
