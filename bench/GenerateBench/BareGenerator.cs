using System.Diagnostics;
using WganService.Gan;
using static TorchSharp.torch;

namespace WganService.Bench.Generate;

/// <summary>The served generator rebuilt in this process from its exported weights: the yardstick /generate is measured against.</summary>
public sealed class BareGenerator : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _network;
    private readonly int _latentDim;

    private BareGenerator(nn.Module<Tensor, Tensor> network, int latentDim) => (_network, _latentDim) = (network, latentDim);

    public static async Task<BareGenerator> LoadAsync(HttpClient http, BenchGenerator generator)
    {
        var weights = await http.GetByteArrayAsync($"/jobs/{generator.JobId}/generator?format=torchsharp&checkpoint=best");
        nn.Module<Tensor, Tensor> network = generator.Architecture == "mlp"
            ? new Mlp(generator.LatentDim, generator.SampleShape[0])
            : new DcganGenerator(generator.LatentDim, generator.SampleShape[0], generator.SampleShape[^1]);
        GeneratorWeights.Load(network, weights);
        network.eval();
        return new BareGenerator(network, generator.LatentDim);
    }

    /// <summary>
    /// Median and mean seconds of one forward pass of <paramref name="batch"/> latents, with the copy back to managed memory.
    /// </summary>
    public Timing Time(int batch)
    {
        var seconds = new List<double>();
        var budget = Stopwatch.StartNew();
        for (var i = 0; i < 5 || (i < 1000 && budget.Elapsed < TimeSpan.FromSeconds(2)); i++)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var latents = randn(batch, _latentDim);
            var watch = Stopwatch.StartNew();
            _ = _network.forward(latents).data<float>().ToArray();
            seconds.Add(watch.Elapsed.TotalSeconds);
        }
        seconds.Sort();
        return new Timing(seconds[seconds.Count / 2], seconds.Average());
    }

    public void Dispose() => _network.Dispose();
}

public sealed record Timing(double MedianSeconds, double MeanSeconds);
