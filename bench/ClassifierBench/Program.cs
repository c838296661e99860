// The dataset classifier on real MNIST (bench/mnist/make_mnist_idx.py first): trained on the training
// files exactly as a job's worker trains it (ClassifierTraining defaults, seed 1), then judged on the
// t10k files: accuracy, confident share, the FD floor between the two halves of t10k, and the FD of
// one half with Gaussian noise added (σ = 0.3 is the service's yardstick) against the other.
//   dotnet run -c Release --project bench/ClassifierBench -- [threads=2] [data=bench/mnist/data] [steps=the worker's]
using System.Diagnostics;
using System.Globalization;
using WganService.Bench.Classifier;
using WganService.Gan.Classifier;
using static TorchSharp.torch;

var threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
var folder = args.Length > 1 ? args[1] : Path.Combine("bench", "mnist", "data");
int? requestedSteps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : null;
set_num_threads(threads);

MnistFiles.EnsureExist(folder);
var (train, trainLabels) = MnistFiles.Load(folder, "train");
var (test, testLabels) = MnistFiles.Load(folder, "t10k");
var clock = Stopwatch.StartNew();
var (classifier, cutShort) = MnistFiles.TrainClassifier(train, trainLabels, requestedSteps);
var seconds = clock.Elapsed.TotalSeconds;
var steps = requestedSteps ?? ClassifierTraining.DefaultSteps(train.shape[0]);
var (accuracy, confident) = ClassifierEvaluation.OnRealImages(classifier, test, testLabels);
var half = (int)test.shape[0] / 2;
using var evaluation = new ClassifierEvaluation(classifier, test[..half], test[half..]);
Console.WriteLine(
    $"{threads} threads: {train.shape[0]} training images, {steps} steps in {seconds:F1} s" +
    $"{(cutShort ? " (cut short by the budget)" : "")}");
Console.WriteLine($"t10k ({test.shape[0]}): accuracy {accuracy:P2}, confident share (p >= 0.9) {confident:P1}");
Console.WriteLine($"FD floor (two t10k halves of {half}): {evaluation.Floor:F2}");
using var random = new Generator(9);
using var noise = randn([test.shape[0] - half, 1, 28, 28], generator: random);
foreach (var sigma in new[] { 0.1, 0.2, 0.3, 0.5, 1.0 })
{
    using var noisy = (test[half..] + sigma * noise).clamp(-1, 1);
    Console.WriteLine($"FD, half B + noise sigma {sigma:F1}: {evaluation.Distance(noisy):F2}");
}
