using WganService.Gan.Classifier;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Classifier;

public class ClassifierEvaluationTests
{
    private const int Half = 40;

    private static Tensor Images(ulong seed, double shift)
    {
        using var random = new Generator(seed);
        return (rand([Half, 1, 28, 28], generator: random) * 2 - 1 + shift).clamp(-1, 1);
    }

    [Fact]
    public void SeveralGeneratedSets_ScoreTheMeanOfTheirFds_OnlyWholeSetsAreTaken()
    {
        // An untrained classifier still has features: the averaging does not depend on what they mean.
        using var evaluation = new ClassifierEvaluation(DomainClassifier.Create(1, 10, seed: 1, CPU), Images(1, 0), Images(2, 0));
        using var near = Images(3, 0.1);
        using var far = Images(4, 0.6);
        using var both = cat([near, far]);

        var scores = evaluation.Score(both);

        var (nearFd, farFd) = (evaluation.Distance(near), evaluation.Distance(far));
        Assert.True(farFd > nearFd, $"near {nearFd}, far {farFd}");
        Assert.Equal((nearFd + farFd) / 2, scores.FrechetDistance, 1e-9);
        Assert.Equal(nearFd, evaluation.Score(near).FrechetDistance, 1e-9);
        using var partial = both[..(Half + 1)];
        Assert.Throws<ArgumentException>(() => evaluation.Score(partial));
    }
}
