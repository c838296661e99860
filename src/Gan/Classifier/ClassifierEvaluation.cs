using static TorchSharp.torch;

namespace WganService.Gan.Classifier;

/// <summary>What the dataset classifier says about one set of generated images.</summary>
public sealed record ClassifierScores(double FrechetDistance, double FrechetDistanceFloor, int ClassesCovered, double ConfidentShare);

/// <summary>
/// Scores generated images with a labelled dataset's <see cref="DomainClassifier"/>: the Fréchet
/// distance between their penultimate features and held-out half A's (Gaussian statistics computed
/// once), with the floor FD(A, B) between the two real halves of the same size; the classes that get
/// at least <see cref="CoveredShare"/> of the samples; the share assigned with p ≥ <see cref="ConfidentProbability"/>.
/// Generated images may come as several sets the size of half A: the FD is then the mean of each set's FD
/// against A, which keeps the floor's like-with-like sizes (the estimate's bias depends on them) while
/// averaging out the generated side's sampling noise between evaluations.
/// </summary>
public sealed class ClassifierEvaluation : IDisposable
{
    public const double CoveredShare = 0.02;
    public const double ConfidentProbability = 0.9;
    public const double NoiseSigma = 0.3;
    private const int Batch = 256;
    private const ulong NoiseSeed = 4_242;

    private readonly DomainClassifier _classifier;
    private readonly Tensor _meanA;
    private readonly Tensor _covarianceA;
    private readonly long _sizeA;

    /// <summary>
    /// Takes ownership of <paramref name="classifier"/>; reads the halves ((n, C, H, W) in [−1, 1]) without keeping them.
    /// </summary>
    public ClassifierEvaluation(DomainClassifier classifier, Tensor heldOutA, Tensor heldOutB)
    {
        _classifier = classifier;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (meanA, covarianceA) = FrechetDistance.Statistics(Features(classifier, heldOutA));
        _meanA = meanA.DetachFromDisposeScope();
        _covarianceA = covarianceA.DetachFromDisposeScope();
        _sizeA = heldOutA.shape[0];
        Floor = Distance(heldOutB);
    }

    /// <summary>FD(A, B) between the two real held-out halves: what a perfect generator would score.</summary>
    public double Floor { get; }

    /// <param name="generated">A whole number of sets of as many images as half A holds, so each FD compares like
    /// with like; classes and confident share are counted over all of them.</param>
    public ClassifierScores Score(Tensor generated)
    {
        if (generated.shape[0] == 0 || generated.shape[0] % _sizeA != 0)
            throw new ArgumentException($"Expected a multiple of half A's {_sizeA} images, got {generated.shape[0]}.", nameof(generated));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var features = Features(_classifier, generated);
        var distance = features.split(_sizeA).Select(set =>
        {
            var (mean, covariance) = FrechetDistance.Statistics(set);
            return FrechetDistance.Between(mean, covariance, _meanA, _covarianceA);
        }).Average();
        var (covered, confident) = Assignments(_classifier, _classifier.Logits(features));
        return new ClassifierScores(distance, Floor, covered, confident);
    }

    /// <summary>FD of <paramref name="images"/> against half A.</summary>
    public double Distance(Tensor images)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (mean, covariance) = FrechetDistance.Statistics(Features(_classifier, images));
        return FrechetDistance.Between(mean, covariance, _meanA, _covarianceA);
    }

    /// <summary>The noise yardstick: FD of half B with Gaussian noise σ = 0.3 added (clipped to [−1, 1]), seeded.</summary>
    public double NoiseDistance(Tensor heldOutB)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(NoiseSeed);
        var noise = randn(heldOutB.shape, generator: random).to(heldOutB.device);
        return Distance((heldOutB + NoiseSigma * noise).clamp(-1, 1));
    }

    /// <summary>Held-out accuracy and the share of real images assigned with p ≥ 0.9.</summary>
    public static (double Accuracy, double ConfidentShare) OnRealImages(DomainClassifier classifier, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = classifier.Logits(Features(classifier, images));
        var accuracy = logits.argmax(1).eq(labels).to(ScalarType.Float64).mean().item<double>();
        return (accuracy, Assignments(classifier, logits).ConfidentShare);
    }

    private static (int ClassesCovered, double ConfidentShare) Assignments(DomainClassifier classifier, Tensor logits)
    {
        var probabilities = nn.functional.softmax(logits, 1);
        var (top, predicted) = probabilities.max(1);
        var perClass = predicted.bincount(null, classifier.Classes).to(ScalarType.Float64) / logits.shape[0];
        var covered = (int)perClass.ge(CoveredShare).sum().item<long>();
        var confident = top.ge(ConfidentProbability).to(ScalarType.Float64).mean().item<double>();
        return (covered, confident);
    }

    private static Tensor Features(DomainClassifier classifier, Tensor images)
    {
        var batches = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += Batch)
            batches.Add(classifier.Features(images[(int)start..(int)Math.Min(start + Batch, images.shape[0])]));
        return batches.Count == 1 ? batches[0] : cat(batches, 0);
    }

    public void Dispose()
    {
        _classifier.Dispose();
        _meanA.Dispose();
        _covarianceA.Dispose();
    }
}
