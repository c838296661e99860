using static TorchSharp.torch;

using WganService.Gan.Datasets;

namespace WganService.Gan.Evaluation;

/// <summary>
/// Evaluates an image generator: the multi-scale patch SWD (<see cref="PatchSlicedWasserstein"/>,
/// mean over levels) between n generated images and held-out half A, with the floor SWD(A, B)
/// between two real halves of the same size n (the SWD depends on the set size, so the floor must
/// compare as many images as the real comparison does); no mode coverage; an 8×8 PNG grid of
/// samples. Latents are fixed per job, so successive evaluations differ only by training.
/// </summary>
public sealed class ImageEvaluator : IEvaluator
{
    public const int GridColumns = 8;
    public const int GridImages = GridColumns * GridColumns;

    /// <summary>Generated images per forward pass: bounds activation memory on large held-out sets.</summary>
    public const int GenerationBatch = 256;

    /// <summary>
    /// Generated sets of half A's size whose FDs are averaged (labelled sets only): with one set of 400 the
    /// FD of single MNIST evaluations swung by ±3 against a floor of 9.9 (docs/results.md).
    /// </summary>
    public const int FrechetSets = 5;

    // Shuffles a single held-out tensor before halving it, in case it is ordered (e.g. by class).

    private readonly Tensor _heldOutA;
    private readonly Tensor _swdLatents;
    private readonly Tensor _gridLatents;
    // The FD's further sets (FrechetSets − 1 of half A's size); the first is the SWD's.
    private readonly Tensor? _moreFrechetLatents;
    private readonly Classifier.ClassifierEvaluation? _classifier;

    /// <summary>Takes ownership of both held-out halves ((n, C, H, W) each, same shape, in [−1, 1]),
    /// as <see cref="Datasets.HeldOutSplit"/> returns them, and of <paramref name="classifier"/>, which a
    /// labelled dataset adds (the Fréchet distance and class figures on the same samples).</summary>
    public ImageEvaluator(
        Tensor heldOutA, Tensor heldOutB, int latentDim, long jobSeed, Device device, Classifier.ClassifierEvaluation? classifier = null)
    {
        _classifier = classifier;
        if (heldOutA.dim() != 4 || !heldOutA.shape.SequenceEqual(heldOutB.shape))
            throw new ArgumentException(
                "Expected two (n, C, H, W) halves of the same shape, " +
                $"got [{string.Join(", ", heldOutA.shape)}] and [{string.Join(", ", heldOutB.shape)}].",
                nameof(heldOutB));
        ArgumentOutOfRangeException.ThrowIfLessThan(latentDim, 1);

        using (heldOutB)
        using (heldOutA)
        {
            // Fields outlive any dispose scope the caller has open: detach them, Dispose() frees them.
            _heldOutA = heldOutA.to(ScalarType.Float32, device).DetachFromDisposeScope();
            using var b = heldOutB.to(ScalarType.Float32, device);
            Floor = PatchSlicedWasserstein.Distance(_heldOutA, b).Mean;
        }

        // The same derivation as VectorEvaluator's, so a job seed means the same latents everywhere.
        using var latentRandom = EvaluationLatents.For(jobSeed);
        using var swdLatents = randn([_heldOutA.shape[0], latentDim], generator: latentRandom);
        using var gridLatents = randn([GridImages, latentDim], generator: latentRandom);
        _swdLatents = swdLatents.to(device).DetachFromDisposeScope();
        _gridLatents = gridLatents.to(device).DetachFromDisposeScope();
        if (classifier is not null)
        {
            // Drawn after the others, so the SWD's and the grid's latents stay what they were.
            using var more = randn([(FrechetSets - 1) * _heldOutA.shape[0], latentDim], generator: latentRandom);
            _moreFrechetLatents = more.to(device).DetachFromDisposeScope();
        }
    }

    /// <summary>Mean patch SWD between the two real halves: what a perfect generator would score.</summary>
    public double Floor { get; }

    public EvaluationResult Evaluate(nn.Module<Tensor, Tensor> generator, int generatorStep, nn.Module<Tensor, Tensor>? critic = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // eval(): BatchNorm uses its running statistics, so a sample does not depend on its batch.
        generator.eval();
        try
        {
            var samples = Generate(generator, _swdLatents);
            var distance = PatchSlicedWasserstein.Distance(samples, _heldOutA);
            var png = ImageGrid.Render(Generate(generator, _gridLatents), GridColumns);
            var wasserstein = critic is null ? (double?)null : HeldOutWasserstein.Read(critic, _heldOutA, samples);
            var classifierScores = _classifier?.Score(cat([samples, Generate(generator, _moreFrechetLatents!)], 0));
            return new EvaluationResult(generatorStep, distance.Mean, Floor, null, png, classifierScores, wasserstein);
        }
        finally
        {
            generator.train();
        }
    }

    public void Dispose()
    {
        _heldOutA.Dispose();
        _swdLatents.Dispose();
        _gridLatents.Dispose();
        _moreFrechetLatents?.Dispose();
        _classifier?.Dispose();
    }

    private static Tensor Generate(nn.Module<Tensor, Tensor> generator, Tensor latents)
    {
        var batches = new List<Tensor>();
        for (long start = 0; start < latents.shape[0]; start += GenerationBatch)
            batches.Add(generator.forward(latents[(int)start..(int)Math.Min(start + GenerationBatch, latents.shape[0])]));
        return batches.Count == 1 ? batches[0] : cat(batches, 0);
    }
}
