using System.Globalization;
using static TorchSharp.torch;

namespace WganService.Bench.Quality;

/// <summary>
/// A second domain classifier, trained for a given number of steps, judging the same samples as the first
/// (--second-classifier-steps). The confident-share bar is relative to real images' share under the same
/// classifier, so this shows whether the verdict depends on how long the judge itself was trained.
/// </summary>
public sealed class SecondJudge(QualityJudge judge, double realConfidentShare, int steps) : IDisposable
{
    public static SecondJudge Create(QualityOptions options, Tensor train, Tensor trainLabels, Tensor test, Tensor testLabels, int steps)
    {
        var folder = Path.Combine(options.Out, $"classifier-{steps}");
        Directory.CreateDirectory(folder);
        var (judge, accuracy, confident, _) = QualityJudge.Train(train, trainLabels, test, testLabels, folder, steps);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"second classifier ({steps} steps): test accuracy {accuracy:P2}, real confident share {confident:F3}; " +
            $"FD floor {judge.Floor:F2}, noise σ 0.3 {judge.NoiseDistance(test[judge.Samples..]):F2}"));
        return new SecondJudge(judge, confident, steps);
    }

    public void Report(nn.Module<Tensor, Tensor> generator, int latentDim, string recipe, double minutes)
    {
        var scores = judge.Judge(generator, latentDim, recipe, minutes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {recipe}, classifier of {steps} steps: FD {scores.FrechetDistance:F2}, " +
            $"confident {scores.ConfidentShare:F3} ({scores.ConfidentShare / realConfidentShare:F2} × real)"));
    }

    public void Dispose() => judge.Dispose();
}
