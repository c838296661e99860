using WganService.Domain.Datasets;
using static TorchSharp.torch;

namespace WganService.Domain.Gan.Evaluation;

/// <summary>
/// Evaluates a toy-set generator: SWD against 2,500 held-out real points, VEEGAN mode coverage where
/// the set has modes, and a scatter plot. Held-out points come from a fixed generator that training
/// never uses, and the latents are fixed per job, so successive evaluations differ only by training.
/// </summary>
public sealed class VectorEvaluator : IDisposable
{
    public const int SampleCount = ModeCoverage.StandardSampleCount;
    private const ulong HeldOutSeed = 7_919;
    private const int PlottedRealPoints = 1000;

    private readonly ToyDataset _dataset;
    private readonly Tensor _heldOut;
    private readonly Tensor _latents;
    private readonly float[] _plottedReal;

    public VectorEvaluator(ToyDataset dataset, int latentDim, long jobSeed, Device device)
    {
        _dataset = dataset;
        using var heldOutRandom = new Generator(HeldOutSeed);
        using var latentRandom = new Generator(unchecked((ulong)jobSeed * 2_654_435_761UL + 1));
        _heldOut = dataset.Sample(SampleCount, heldOutRandom, device);
        using var secondRealSet = dataset.Sample(SampleCount, heldOutRandom, device);
        Floor = SlicedWasserstein.Distance(_heldOut, secondRealSet);
        _latents = randn([SampleCount, latentDim], generator: latentRandom).to(device);
        using var plotted = _heldOut[..PlottedRealPoints].cpu();
        _plottedReal = plotted.data<float>().ToArray();
    }

    public double Floor { get; }

    public EvaluationResult Evaluate(nn.Module<Tensor, Tensor> generator, int generatorStep)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        generator.eval();
        try
        {
            var samples = generator.forward(_latents);
            var distance = SlicedWasserstein.Distance(samples, _heldOut);
            var coverage = _dataset.Centres is { } centres ? ModeCoverage.Measure(samples, centres, _dataset.StandardDeviation) : null;
            var png = ScatterPlot.Render(_plottedReal, samples.cpu().data<float>().ToArray());
            return new EvaluationResult(generatorStep, distance, Floor, coverage, png);
        }
        finally
        {
            generator.train();
        }
    }

    public void Dispose()
    {
        _heldOut.Dispose();
        _latents.Dispose();
    }
}
