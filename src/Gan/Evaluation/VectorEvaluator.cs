using static TorchSharp.torch;

using WganService.Gan.Datasets;

namespace WganService.Gan.Evaluation;

/// <summary>
/// Evaluates a vector-data generator: SWD between generated samples and held-out set A, with the
/// floor SWD(A, B) between two real sets of the same size; VEEGAN mode coverage where the data has
/// known modes; a scatter plot for 2-D data. Latents are fixed per job, so successive evaluations
/// differ only by training.
/// </summary>
public sealed class VectorEvaluator : IEvaluator
{
    private const ulong ToyHeldOutSeed = 7_919;
    private const int PlottedRealPoints = 1000;

    /// <summary>Held-out set A as SlicedWasserstein.SortedProjections: sorted once for every evaluation.</summary>
    private readonly Tensor _heldOutSorted;
    private readonly Tensor _heldOutA;
    private readonly Tensor _latents;
    private readonly ToyDataset? _modes;
    private readonly float[]? _plottedReal;

    /// <summary>Takes ownership of both held-out sets (n × d each, same n).</summary>
    public VectorEvaluator(Tensor heldOutA, Tensor heldOutB, ToyDataset? modes, int latentDim, long jobSeed, Device device)
    {
        // A (for the critic's held-out estimate), its sorted projections and plotted points outlive the constructor.
        _heldOutA = heldOutA.DetachFromDisposeScope();
        _heldOutSorted = SlicedWasserstein.SortedProjections(heldOutA);
        _modes = modes;
        using (heldOutB) Floor = SlicedWasserstein.DistanceToSorted(heldOutB, _heldOutSorted);
        using var latentRandom = EvaluationLatents.For(jobSeed);
        _latents = randn([heldOutA.shape[0], latentDim], generator: latentRandom).to(device);
        if (heldOutA.shape[1] == 2)
        {
            using var plotted = heldOutA[..(int)Math.Min(PlottedRealPoints, heldOutA.shape[0])].cpu();
            _plottedReal = plotted.data<float>().ToArray();
        }
    }

    /// <summary>A toy set's evaluator: 2 × 2,500 held-out points from a generator training never uses.</summary>
    public static VectorEvaluator ForToy(ToyDataset dataset, int latentDim, long jobSeed, Device device)
    {
        using var random = new Generator(ToyHeldOutSeed);
        var a = dataset.Sample(ModeCoverage.StandardSampleCount, random, device);
        var b = dataset.Sample(ModeCoverage.StandardSampleCount, random, device);
        return new VectorEvaluator(a, b, dataset.Centres is null ? null : dataset, latentDim, jobSeed, device);
    }

    public double Floor { get; }

    public EvaluationResult Evaluate(nn.Module<Tensor, Tensor> generator, int generatorStep, nn.Module<Tensor, Tensor>? critic = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        generator.eval();
        try
        {
            var generated = generator.forward(_latents);
            var samples = generated.flatten(1);
            var distance = SlicedWasserstein.DistanceToSorted(samples, _heldOutSorted);
            var coverage = _modes is not null ? ModeCoverage.Measure(samples, _modes.Centres!, _modes.StandardDeviation) : null;
            var png = _plottedReal is null ? [] : ScatterPlot.Render(_plottedReal, samples.cpu().data<float>().ToArray());
            var wasserstein = critic is null ? (double?)null : HeldOutWasserstein.Read(critic, _heldOutA, generated);
            return new EvaluationResult(generatorStep, distance, Floor, coverage, png, WassersteinEstimate: wasserstein);
        }
        finally
        {
            generator.train();
        }
    }

    public void Dispose()
    {
        _heldOutSorted.Dispose();
        _heldOutA.Dispose();
        _latents.Dispose();
    }
}
