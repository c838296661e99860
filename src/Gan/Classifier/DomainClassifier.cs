using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WganService.Gan.Classifier;

/// <summary>
/// A small CNN classifier for a labelled image dataset, whose penultimate features stand in for
/// Inception's in the Fréchet distance (Inception is meaningless on 28×28 greyscale and cannot be
/// downloaded here): two 3×3 conv + ReLU + 2×2 max-pool blocks (16, 32 channels), average-pooled to
/// 7×7 so 28, 32 and 64 pixel images share one shape, then 1568 → 64 (ReLU, the features) → classes. Narrow, so that
/// training on 60,000 digits takes about a minute on 2 cores.
/// 64 features rather than Inception's 2048, so that a few hundred held-out images estimate their
/// covariance well enough for the distance to be stable.
/// </summary>
public sealed class DomainClassifier : nn.Module<Tensor, Tensor>
{
    public const int FeatureSize = 64;

    private readonly Sequential features;
    private readonly Linear head;

    public DomainClassifier(int channels, int classes) : base(nameof(DomainClassifier))
    {
        features = nn.Sequential(
            nn.Conv2d(channels, 16, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),
            nn.AdaptiveAvgPool2d(7), nn.Flatten(),
            nn.Linear(32 * 7 * 7, FeatureSize), nn.ReLU());
        head = nn.Linear(FeatureSize, classes);
        RegisterComponents();
    }

    public int Classes => (int)head.out_features;

    /// <summary>The penultimate activations, (n, 64), for images in [−1, 1].</summary>
    public Tensor Features(Tensor images) => features.forward(images);

    public Tensor Logits(Tensor features) => head.forward(features);

    public override Tensor forward(Tensor images) => head.forward(features.forward(images));

    /// <summary>Built with the same initialisation lock as the GAN networks, since default initialisation
    /// draws from the process-wide generator.</summary>
    public static DomainClassifier Create(int channels, int classes, long seed, Device device)
    {
        lock (GanNetworks.InitialisationLock)
        {
            manual_seed(seed);
            var classifier = new DomainClassifier(channels, classes);
            classifier.to(device);
            return classifier;
        }
    }

    public static DomainClassifier Load(int channels, int classes, byte[] weights, Device device)
    {
        var classifier = Create(channels, classes, seed: 0, device);
        GeneratorWeights.Load(classifier, weights);
        classifier.eval();
        return classifier;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            features.Dispose();
            head.Dispose();
        }
        base.Dispose(disposing);
    }
}
