// Training throughput of the service's trainer against the PyTorch reference, run alternately in one
// invocation at the same thread count, with the FLOP/s each reaches as a fraction of libtorch's GEMM
// peak on this machine, and (--memory) resident memory over 20,000 critic steps.
//   dotnet run -c Release --project bench/TrainBench -- [--threads 2] [--rounds 3] [--configs toy-gp,dcgan28-gp] [--memory]
using System.Globalization;
using WganService.Bench.Train;
using static TorchSharp.torch;

var options = BenchOptions.Parse(args);
set_num_threads(options.Threads);
if (options.Bare is { } bare)
{
    var config = BenchConfig.All.Single(c => c.Name == bare);
    Console.WriteLine(BareTrainer.IterationsPerSecond(config, options.ToyIterations).ToString("F3", CultureInfo.InvariantCulture));
    return;
}
var reference = options.ReferenceScript ?? ReferenceRun.FindScript();
var peak = GemmPeak.FlopsPerSecond();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"threads {options.Threads}; libtorch float32 GEMM peak {peak / 1e9:F1} GFLOP/s (best square matmul, 512 to 2048); " +
    $"reference {reference}"));
Console.WriteLine("| config | iterations | service it/s (rounds) | PyTorch it/s (rounds) | ratio (median) | GFLOP per it " +
    "| service % of GEMM peak | PyTorch % of peak | one critic pass it/s (÷ service) |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|");

foreach (var config in BenchConfig.All.Where(c => options.Configs is null || options.Configs.Contains(c.Name)))
{
    var h = config.Resolve(out _);
    var iterations = config.Name == "toy-gp" ? options.ToyIterations : options.ImageIterations;
    var (trainer, owned) = config.CreateTrainer();
    // The other critic path beside it: real and fake in one critic pass (the service's choice on CUDA) or two
    // (its choice on the CPU), where the critic allows one.
    var (other, otherOwned) = config.CreateTrainer(oneCriticPass: true);
    using (owned)
    using (otherOwned)
    {
        var compareOnePass = other.ScoresInOnePass && !trainer.ScoresInOnePass;
        for (var i = 0; i < 3; i++) trainer.Step(); // The reference warms up three iterations too.
        for (var i = 0; i < 3 && compareOnePass; i++) other.Step();
        var service = new List<double>();
        var pytorch = new List<double>();
        var onePass = new List<double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            service.Add(BareTrainer.Time(trainer, iterations));
            if (compareOnePass) onePass.Add(BareTrainer.Time(other, iterations));
            pytorch.Add(ReferenceRun.IterationsPerSecond(reference, config.Name, options.Threads, iterations));
        }
        var flops = FlopCount.PerIteration(config.Name, h.BatchSize, h.CriticSteps);
        var (s, p) = (Median(service), Median(pytorch));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {config.Name} | {iterations} | {s:F2} ({Join(service)}) | {p:F2} ({Join(pytorch)}) | **{s / p:F2}×** " +
            $"| {flops / 1e9:F2} | {100 * s * flops / peak:F0}% | {100 * p * flops / peak:F0}% | {OnePass()} |"));
        string OnePass() => compareOnePass
            ? FormattableString.Invariant($"{Median(onePass):F2} ({Median(onePass) / s:F2}×)")
            : "n/a (BatchNorm critic)";
    }
}

if (options.Memory) MemoryGrowth.Report(options.Threads);

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));
