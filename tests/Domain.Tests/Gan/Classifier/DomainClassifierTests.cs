using WganService.Domain.Datasets;
using WganService.Gan.Datasets;
using WganService.Gan.Datasets.Readers;
using WganService.Gan;
using WganService.Gan.Classifier;
using WganService.Domain.Tests.Datasets;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Classifier;

/// <summary>On 1,000 real MNIST digits, split as the service splits an upload (HeldOutSplit: 2 × 50 held out).</summary>
[Collection(TorchThreadCountSensitive.Name)]
public sealed class DomainClassifierTests : IDisposable
{
    private readonly Tensor _training, _trainingLabels, _heldOutA, _labelsA, _heldOutB, _labelsB;

    public DomainClassifierTests()
    {
        var images = DatasetReader.Read(new MemoryStream(File.ReadAllBytes(MnistSlice.ImagesPath)), 1 << 24, 10_000);
        var labels = LabelReader.Read(File.ReadAllBytes(MnistSlice.LabelsPath), 1 << 24);
        using var all = tensor(images.Values, [images.Count, 1, 28, 28]);
        using var allLabels = tensor(labels, ScalarType.Byte).to(ScalarType.Int64);
        (_training, _heldOutA, _heldOutB) = HeldOutSplit.Split(all, maxHalf: 500);
        (_trainingLabels, _labelsA, _labelsB) = HeldOutSplit.Split(allLabels, maxHalf: 500);
    }

    [Fact]
    public void HeldOutSplit_KeepsEachLabelWithItsImage()
    {
        // The slice interleaves classes 0–9; a label split apart from its image would pair it with another digit's pixels.
        var values = DatasetReader.Read(new MemoryStream(File.ReadAllBytes(MnistSlice.ImagesPath)), 1 << 24, 10_000).Values;
        var labels = LabelReader.Read(File.ReadAllBytes(MnistSlice.LabelsPath), 1 << 24);
        using var index = tensor(Enumerable.Range(0, labels.Length).Select(i => (float)i).ToArray(), [labels.Length, 1]);
        var (_, indexA, _) = HeldOutSplit.Split(index, maxHalf: 500);
        using var disposeIndex = indexA;

        var first = (int)indexA[0, 0].item<float>();
        Assert.Equal(labels[first], (byte)_labelsA[0].item<long>());
        Assert.Equal(values[first * 784 + 400], _heldOutA[0, 0, 14, 8].item<float>());
    }

    [Fact]
    public void Training_IsDeterministicForASeed()
    {
        var threads = get_num_threads();
        set_num_threads(1);
        try
        {
            using var first = ClassifierTraining
                .Train(_training[..256], _trainingLabels[..256], 10, seed: 5, TimeSpan.FromMinutes(5), CPU, steps: 6).Classifier;
            using var second = ClassifierTraining
                .Train(_training[..256], _trainingLabels[..256], 10, seed: 5, TimeSpan.FromMinutes(5), CPU, steps: 6).Classifier;
            using var other = ClassifierTraining
                .Train(_training[..256], _trainingLabels[..256], 10, seed: 6, TimeSpan.FromMinutes(5), CPU, steps: 6).Classifier;

            Assert.Equal(GeneratorWeights.Save(first), GeneratorWeights.Save(second));
            Assert.NotEqual(GeneratorWeights.Save(first), GeneratorWeights.Save(other));
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void TrainedClassifier_IsAccurate_AndItsFdIsNearZeroForRealImages_AndGrowsWithNoise()
    {
        var (classifier, cutShort) = ClassifierTraining.Train(_training, _trainingLabels, 10, seed: 1, TimeSpan.FromMinutes(5), CPU);
        Assert.False(cutShort);
        using var heldOut = cat([_heldOutA, _heldOutB]);
        using var heldOutLabels = cat([_labelsA, _labelsB]);
        var (accuracy, confident) = ClassifierEvaluation.OnRealImages(classifier, heldOut, heldOutLabels);
        // The FD's own claims on 450 + 450 training digits: 50 held-out images per half are too few to show them clearly.
        using var evaluation = new ClassifierEvaluation(classifier, _training[..450], _training[450..900]);
        using var halfB = _training[450..900];
        using var random = new Generator(9);
        using var noise = randn(halfB.shape, generator: random);

        var noisy = new[] { 0.1, 0.3, 0.6 }.Select(sigma =>
        {
            using var corrupted = (halfB + sigma * noise).clamp(-1, 1);
            return evaluation.Distance(corrupted);
        }).ToArray();

        var figures = $"accuracy {accuracy}, confident {confident}, floor {evaluation.Floor}, noisy {string.Join(", ", noisy)}";
        // Seen here: accuracy 0.82, confident 0.68, floor 7.7, noisy 8.5 / 13.3 / 69.5 (100 held-out digits, 200 steps).
        Assert.True(accuracy > 0.75, figures);
        Assert.True(confident > 0.5, figures);
        var self = evaluation.Distance(_training[..450]);
        Assert.True(self < 1e-3 * evaluation.Floor, $"FD of a set against itself {self}; {figures}");
        Assert.True(evaluation.Floor < noisy[0], figures);
        Assert.True(noisy[0] < noisy[1] && noisy[1] < noisy[2], figures);
        // The yardstick (σ = 0.3, its own seeded noise) sits between this test's σ = 0.1 and σ = 0.6.
        Assert.InRange(evaluation.NoiseDistance(halfB), noisy[0], noisy[2]);
        var scores = evaluation.Score(halfB);
        Assert.Equal(evaluation.Floor, scores.FrechetDistance, precision: 9);
        Assert.Equal(10, scores.ClassesCovered);
    }

    public void Dispose()
    {
        foreach (var t in new[] { _training, _trainingLabels, _heldOutA, _labelsA, _heldOutB, _labelsB }) t.Dispose();
    }
}
