// How steady is one reading of the critic's W estimate? Trains a QualityBench recipe on MNIST (seed 1) for --warm
// generator steps, then reads W after each of the next --steps steps two ways: the step's own training estimate
// (−critic loss, what the 200-step reading averages) and the critic on held-out test images against the generator's
// samples on fixed latents (HeldOutWasserstein, as a job's evaluation reads it). Prints the spread of each from one
// step to the next and of their means over blocks of 10 steps, the lag-1 autocorrelation of the held-out reads
// (near 0: each read is a fresh draw, so averaging reads helps; near 1: slow drift, so it would not), and what one
// held-out read costs against one training step.
//   dotnet run -c Release --project bench/ReadingBench -- [--recipe wgan-defaults] [--warm 1200] [--steps 200]
//       [--held-out 500] [--threads 2] [--data bench/mnist/data]
// Run from the repository root, alone on the machine.
using System.Diagnostics;
using System.Globalization;
using WganService.Bench.Classifier;
using WganService.Bench.Quality;
using WganService.Bench.Reading;
using WganService.Gan.Evaluation;
using static TorchSharp.torch;

var options = ReadingOptions.Parse(args);
set_num_threads(options.Threads);
MnistFiles.EnsureExist(options.Data);
var (train, _) = MnistFiles.Load(options.Data, "train");
var (test, _) = MnistFiles.Load(options.Data, "t10k");
var recipe = QualityRecipes.Service.Single(r => r.Name == options.Recipe);
var h = recipe.Resolve(out var architecture);
Console.WriteLine($"{recipe.Name}: {architecture}, {h.Optimizer} lr {h.LearningRate}, n_critic {h.CriticSteps}, batch {h.BatchSize}");
using var heldOut = test[..options.HeldOut];
using var random = new Generator(7);
using var latents = randn([options.HeldOut, h.LatentDim], generator: random);
var (trainer, owned) = recipe.CreateTrainer(images: train);
using (owned)
{
    for (var i = 0; i < options.Warm; i++) trainer.Step();

    double HeldOutRead()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // As an evaluation reads it: the served generator in eval mode, on latents fixed for the run.
        trainer.ServedGenerator.eval();
        try
        {
            var samples = cat([.. latents.split(ImageEvaluator.GenerationBatch).Select(trainer.ServedGenerator.forward)], 0);
            return HeldOutWasserstein.Read(trainer.Critic, heldOut, samples);
        }
        finally
        {
            trainer.ServedGenerator.train();
        }
    }

    var (training, reads) = (new List<double>(), new List<double>());
    var (stepTime, readTime) = (TimeSpan.Zero, TimeSpan.Zero);
    var clock = new Stopwatch();
    while (reads.Count < options.Steps)
    {
        // Each step and the read after it are timed apart, alternating, so drift on the machine hits both alike.
        clock.Restart();
        training.Add(trainer.Step().WassersteinEstimate);
        stepTime += clock.Elapsed;
        clock.Restart();
        reads.Add(HeldOutRead());
        readTime += clock.Elapsed;
    }
    Console.WriteLine(
        $"after {options.Warm} steps, {options.Steps} steps read after each " +
        $"({options.HeldOut} held-out images, as many samples):");
    Console.WriteLine(Summary("training estimate", training));
    Console.WriteLine(
        Summary("held-out read", reads) + string.Create(CultureInfo.InvariantCulture, $", lag-1 autocorrelation {Stats.Lag1(reads):F2}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  one held-out read costs {readTime / stepTime:F2} training steps " +
        $"({readTime.TotalMilliseconds / reads.Count:F0} ms against {stepTime.TotalMilliseconds / reads.Count:F0} ms)"));
}

static string Summary(string name, List<double> values) => string.Create(CultureInfo.InvariantCulture,
    $"  {name}: mean {Stats.Mean(values):F4}, step-to-step sd {Stats.Sd(values):F4}, " +
    $"sd of 10-step means {Stats.Sd(Stats.Blocks(values, 10)):F4}");
