using System.Diagnostics;
using System.Globalization;
using WganService.Domain.Datasets;
using WganService.Domain.Jobs;

namespace WganService.Domain.Tests.Gan;

public class ExperimentTests
{
    private static double Env(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var v) ? v : fallback;

    [Fact]
    public void Explore()
    {
        if (Environment.GetEnvironmentVariable("EXPLORE") is null) return;
        TorchSharp.torch.set_num_threads(1);
        var log = new StreamWriter(Environment.GetEnvironmentVariable("EXPLORE")!) { AutoFlush = true };
        var (trainer, _) = TrainingHarness.Create(ToyDataset.EightGaussians, GanVariant.WganGp, new HyperparameterSpec
        {
            Seed = 1, GeneratorSteps = 3000, LearningRate = Env("LR", 1e-4), Beta1 = Env("B1", 0), GradientPenaltyWeight = Env("GP", 10),
        });
        var sw = Stopwatch.StartNew();
        double w = 0; var n = 0;
        for (var i = 1; i <= 3000; i++)
        {
            var m = trainer.Step();
            w += m.WassersteinEstimate; n++;
            if (i % 250 == 0)
            {
                var c = TrainingHarness.Coverage(trainer, ToyDataset.EightGaussians);
                log.WriteLine($"{i} t={sw.Elapsed.TotalSeconds:F1}s W={w / n:F4} modes={c.ModesCovered} hq={c.HighQualityRatio:F3}");
                w = 0; n = 0;
            }
        }
    }
}
