// What one toy-set evaluation costs, piece by piece (issue G, item 3: the evaluations are the largest
// part of a job's overhead over the bare trainer). Each piece is timed alternately with the others, in
// rounds, and the medians are printed, with the sorted-reference SWD as a ratio to sorting both sets.
//   dotnet run -c Release --project bench/EvaluationBench -- [threads=2] [rounds=5]
using System.Diagnostics;
using System.Globalization;
using WganService.Bench.Train;
using WganService.Domain;
using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Gan.Datasets;
using WganService.Gan.Evaluation;
using WganService.Domain.Training;
using static TorchSharp.torch;

var threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
set_num_threads(threads);

var config = BenchConfig.All.Single(c => c.Name == "toy-gp");
var h = config.Resolve(out var architecture);
var (generator, critic) = GanNetworks.CreatePair(architecture, h, config.Data, CPU);
var dataset = ToyDataset.EightGaussians;
using var owned = new CompositeDisposable(generator, critic);
using var evaluator = VectorEvaluator.ForToy(dataset, h.LatentDim, jobSeed: 1, CPU);
using var random = new Generator(3);
using var latents = randn([ModeCoverage.StandardSampleCount, h.LatentDim], generator: random);
using var heldOut = dataset.Sample(ModeCoverage.StandardSampleCount, random, CPU);
using var heldOutSorted = SlicedWasserstein.SortedProjections(heldOut);
Tensor samples;
using (no_grad()) samples = generator.forward(latents);
using var ownedSamples = samples;
var samplePoints = samples.data<float>().ToArray();
var realPoints = heldOut[..1000].data<float>().ToArray();

var pieces = new (string Name, Action Run)[]
{
    ("whole evaluation (VectorEvaluator.Evaluate)", () => evaluator.Evaluate(generator, 1)),
    ("generator forward, 2,500 latents", () => { using var noGrad = no_grad(); generator.forward(latents).Dispose(); }),
    ("SWD, sorting both sets", () => SlicedWasserstein.Distance(samples, heldOut)),
    ("SWD to a sorted reference", () => SlicedWasserstein.DistanceToSorted(samples, heldOutSorted)),
    ("mode coverage", () => ModeCoverage.Measure(samples, dataset.Centres!, dataset.StandardDeviation)),
    ("scatter plot PNG", () => ScatterPlot.Render(realPoints, samplePoints)),
    ("best generator's weights", () => GeneratorWeights.Save(generator)),
};
const int Repeats = 10;
var times = pieces.Select(_ => new List<double>()).ToArray();
foreach (var (_, run) in pieces) run(); // warm-up
for (var round = 0; round < rounds; round++)
{
    for (var i = 0; i < pieces.Length; i++)
    {
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < Repeats; r++)
        {
            using var scope = NewDisposeScope();
            pieces[i].Run();
        }
        times[i].Add(clock.Elapsed.TotalMilliseconds / Repeats);
    }
}

double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
Console.WriteLine($"toy-gp evaluation pieces, {threads} threads, median of {rounds} rounds of {Repeats}");
Console.WriteLine("| piece | ms |");
Console.WriteLine("|---|---|");
for (var i = 0; i < pieces.Length; i++)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {pieces[i].Name} | {Median(times[i]):F1} |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"SWD to a sorted reference / sorting both: {Median(times[3]) / Median(times[2]):F2}"));
