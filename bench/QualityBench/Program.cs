// Time to quality on real MNIST: each service recipe, and the seed's PyTorch recipe, trained at the same
// thread count and judged at the same marks of training time by the service's own domain classifier
// (FD against the same held-out test images), with the time each recipe takes to reach the FD the PyTorch
// recipe ends with. Prints the table and writes it, with a sample grid per recipe and mark, to --out.
//   dotnet run -c Release --project bench/QualityBench -- [--threads 2] [--marks 2.5,5,10,20]
//       [--recipe dcgan,dcgan-mnist,pytorch-seed] [--budget MINUTES]
//       [--second-classifier-steps N] [--data bench/mnist/data] [--out bench/quality/out] [--reference PATH]
// Run from the repository root, on a quiet machine: the recipes run one after another, never at once.
using System.Globalization;
using WganService.Bench.Classifier;
using WganService.Bench.Quality;
using WganService.Bench.Train;
using WganService.Gan.Classifier;
using WganService.Gan.Evaluation;
using static TorchSharp.torch;

var options = QualityOptions.Parse(args);
if (options.Runs(QualityRecipes.PytorchSeed)) PytorchSeedRun.EnsureAvailable();
set_num_threads(options.Threads);
Directory.CreateDirectory(options.Out);
MnistFiles.EnsureExist(options.Data);
var (train, trainLabels) = MnistFiles.Load(options.Data, "train");
var (test, testLabels) = MnistFiles.Load(options.Data, "t10k");
var (trained, accuracy, _, cutShort) = QualityJudge.Train(train, trainLabels, test, testLabels, options.Out);
using var judge = trained;
using var heldOutA = test[..judge.Samples];
using var heldOutB = test[judge.Samples..];
var noise = judge.NoiseDistance(heldOutB);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"classifier: test accuracy {accuracy:P2}{(cutShort ? " (cut short by its budget)" : "")}; " +
    $"FD floor {judge.Floor:F2}, noise σ 0.3 {noise:F2}"));
using var secondJudge = options.SecondClassifierSteps is { } secondSteps
    ? SecondJudge.Create(options, train, trainLabels, test, testLabels, secondSteps)
    : null;

var runs = new List<RecipeRun>();
foreach (var defaults in QualityRecipes.Service.Where(r => options.Runs(r.Name)))
{
    // As a user would run it: the recipe's defaults with a time budget of the last mark (issue 16: maxTrainingMinutes 20),
    // so a decaying learning rate follows the budget when the budget binds.
    var recipe = defaults with { Spec = defaults.Spec with { MaxTrainingMinutes = options.Budget } };
    var h = recipe.Resolve(out var architecture);
    Console.WriteLine(
        $"{recipe.Name}: {architecture}, {h.Optimizer} lr {h.LearningRate} β1 {h.Beta1} λ {h.GradientPenaltyWeight}, " +
        $"batch {h.BatchSize}, n_critic {h.CriticSteps}, {h.GeneratorSteps} steps or {h.MaxTrainingMinutes} min " +
        $"({h.LearningRateDecay} decay), EMA {h.GeneratorEma}");
    var (trainer, owned) = recipe.CreateTrainer(images: train.clone());
    using (owned)
    {
        var judged = new List<(MarkReached, ClassifierScores)>();
        var judgedEma = new List<(MarkReached, ClassifierScores)>();
        var wasserstein = new List<(double Training, double HeldOut)>();
        MarkedTraining.Run(trainer, h, options.Marks, mark =>
        {
            judged.Add((mark, judge.Judge(trainer.Generator, h.LatentDim, recipe.Name, mark.Minutes)));
            wasserstein.Add((mark.TrainingWasserstein, judge.HeldOutWasserstein(trainer.Critic, trainer.Generator, h.LatentDim, heldOutA)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  at {mark.Minutes:g} min: {mark.GeneratorSteps} generator steps, FD {judged[^1].Item2.FrechetDistance:F2}, " +
                $"confident {judged[^1].Item2.ConfidentShare:F3}, W training {wasserstein[^1].Training:F4}, " +
                $"W held-out {wasserstein[^1].HeldOut:F4}"));
            secondJudge?.Report(trainer.Generator, h.LatentDim, recipe.Name, mark.Minutes);
            if (trainer.Ema is null) return;
            judgedEma.Add((mark, judge.Judge(trainer.ServedGenerator, h.LatentDim, recipe.Name + QualityRecipes.EmaSuffix, mark.Minutes)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  at {mark.Minutes:g} min, EMA {h.GeneratorEma}: FD {judgedEma[^1].Item2.FrechetDistance:F2}, " +
                $"confident {judgedEma[^1].Item2.ConfidentShare:F3}"));
            secondJudge?.Report(trainer.ServedGenerator, h.LatentDim, recipe.Name + QualityRecipes.EmaSuffix, mark.Minutes);
        });
        var fds = judged.ConvertAll(j => j.Item2.FrechetDistance);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  Spearman(W, FD) over the marks: " +
            $"W from training steps {Spearman.Correlation(wasserstein.ConvertAll(w => w.Training), fds):F2}, " +
            $"W on held-out data {Spearman.Correlation(wasserstein.ConvertAll(w => w.HeldOut), fds):F2}"));
        runs.Add(new RecipeRun(recipe.Name, judged));
        if (judgedEma.Count > 0) runs.Add(new RecipeRun(recipe.Name + QualityRecipes.EmaSuffix, judgedEma));
    }
}

if (options.Runs(QualityRecipes.PytorchSeed))
{
    Console.WriteLine($"{QualityRecipes.PytorchSeed}: bench/quality/pytorch_seed.py (Adam 1e-4 β (0, 0.9), λ 10, batch 64, n_critic 5)");
    var saved = PytorchSeedRun.Run(options, options.ReferenceScript ?? ReferenceRun.FindScript(), judge.Samples);
    runs.Add(new RecipeRun(
        QualityRecipes.PytorchSeed, [.. saved.Select(s => (s.Mark, judge.Judge(s.NpyPath, QualityRecipes.PytorchSeed, s.Mark.Minutes)))]));
}

var table = QualityTable.Render(options.Marks, runs, judge.Floor, noise, options.Threads, judge.Samples);
Console.WriteLine();
Console.Write(table);
File.WriteAllText(Path.Combine(options.Out, "quality.md"), table);
Console.WriteLine($"\nTable and grids written to {options.Out}");
