using TorchSharp;
using WganService.Gan.Datasets;
using static TorchSharp.torch;

namespace WganService.Gan;

/// <summary>
/// The WGAN / WGAN-GP loop. One <see cref="Step"/> is n_critic critic updates followed by one
/// generator update, all inside one dispose scope so no tensor outlives its step.
/// </summary>
public sealed partial class WganTrainer : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _generator;
    private readonly nn.Module<Tensor, Tensor> _critic;
    private readonly optim.Optimizer _generatorOptimizer;
    private readonly optim.Optimizer _criticOptimizer;
    private readonly ITrainingData _data;
    private readonly torch.Generator _random;
    private readonly GanVariant _variant;
    private readonly Hyperparameters _h;
    private readonly Device _device;
    private readonly GeneratorEma? _ema;

    // The scalars a step hands to native code, held for the trainer's life: a scalar converted per call can be
    // freed by a garbage collection while the kernel reads it (see ScalarSafe.Adam).
    private readonly Scalar _one = 1.ToScalar();
    private readonly Scalar? _penaltyWeight;

    /// <param name="oneCriticPass">Score real and fake batches in one critic pass where the critic allows it
    /// (<see cref="CriticScores"/>); null chooses by device: one pass on CUDA, where small batches are
    /// expected to be bound by kernel launches and one pass halves the critic's (not measured: no GPU
    /// here); two on the CPU, where one pass measured no faster (bench/TrainBench, docs/performance.md).
    /// Tests compare both paths.</param>
    /// <param name="ema">The generator's moving average, updated after every generator step; null when off.</param>
    public WganTrainer(
        nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> critic, ITrainingData data,
        torch.Generator random, GanVariant variant, Hyperparameters hyperparameters, Device device, bool? oneCriticPass = null,
        GeneratorEma? ema = null)
    {
        (_generator, _critic, _data, _random, _variant, _h, _device, _ema) =
            (generator, critic, data, random, variant, hyperparameters, device, ema);
        ScoresInOnePass = (oneCriticPass ?? device.type == DeviceType.CUDA) && CriticScores.CanScoreJointly(critic);
        _penaltyWeight = variant == GanVariant.WganGp ? hyperparameters.GradientPenaltyWeight!.Value.ToScalar() : null;
        _generatorOptimizer = OptimizerFactory.Create(generator.parameters(), hyperparameters);
        _criticOptimizer = OptimizerFactory.Create(critic.parameters(), hyperparameters);
        _generator.train();
        _critic.train();
    }

    public nn.Module<Tensor, Tensor> Generator => _generator;

    /// <summary>The critic as trained so far (read by evaluations that score held-out data with it).</summary>
    public nn.Module<Tensor, Tensor> Critic => _critic;

    /// <summary>The generator to evaluate, keep and serve: the moving average when the job has one, else the raw one.</summary>
    public nn.Module<Tensor, Tensor> ServedGenerator => _ema?.Average ?? _generator;

    public GeneratorEma? Ema => _ema;

    public int GeneratorStep { get; private set; }

    /// <summary>Whether real and fake batches go through the critic in one pass (see <see cref="CriticScores"/>).</summary>
    public bool ScoresInOnePass { get; }

    /// <summary>Sets both optimisers' learning rate (for a schedule such as linear decay).</summary>
    public void SetLearningRate(double learningRate)
    {
        foreach (var group in _generatorOptimizer.ParamGroups) group.LearningRate = learningRate;
        foreach (var group in _criticOptimizer.ParamGroups) group.LearningRate = learningRate;
    }

    public StepMetrics Step()
    {
        using var scope = NewDisposeScope();
        Tensor criticLossSum = zeros(1, device: _device), wassersteinSum = zeros(1, device: _device);
        Tensor penaltySum = zeros(1, device: _device);
        var criticUpdates = CriticUpdates.For(_h, GeneratorStep);
        for (var i = 0; i < criticUpdates; i++)
        {
            var (loss, wasserstein, penalty) = CriticUpdate();
            criticLossSum.add_(loss, _one);
            wassersteinSum.add_(wasserstein, _one);
            if (penalty is not null) penaltySum.add_(penalty, _one);
        }
        var gradientNorm = ParameterGradientNorm(_critic);
        var generatorLoss = GeneratorUpdate();
        _ema?.Update(_generator);
        GeneratorStep++;

        // One host read per iteration, the step's only synchronisation point (on a GPU each read
        // would stall the stream until the step's work is done).
        var readings = cat([criticLossSum, generatorLoss.reshape(1), wassersteinSum, penaltySum, gradientNorm.reshape(1)])
            .cpu().data<float>().ToArray();
        var n = (double)criticUpdates;
        return new StepMetrics(
            GeneratorStep,
            readings[0] / n,
            readings[1],
            readings[2] / n,
            _variant == GanVariant.WganGp ? readings[3] / n : null,
            readings[4],
            criticUpdates);
    }

    /// <returns>The full critic loss, the Wasserstein estimate and the penalty, all detached.</returns>
    private (Tensor Loss, Tensor Wasserstein, Tensor? Penalty) CriticUpdate()
    {
        var real = _data.NextBatch(_h.BatchSize);
        Tensor fake;
        using (no_grad()) fake = _generator.forward(Latent());

        var (realScores, fakeScores) = CriticScores.Score(_critic, real, fake, ScoresInOnePass);
        var wassersteinLoss = WassersteinLoss.Critic(realScores, fakeScores);
        var loss = wassersteinLoss;
        Tensor? penalty = null;
        if (_variant == GanVariant.WganGp)
        {
            penalty = GradientPenalty.Compute(_critic, real, fake, _random);
            loss = wassersteinLoss.add(penalty.mul(_penaltyWeight!), _one);
        }

        _criticOptimizer.zero_grad();
        loss.backward();
        _criticOptimizer.step();
        if (_variant == GanVariant.Wgan) WeightClipping.Clip(_critic, _h.ClipValue!.Value);
        return (loss.detach(), -wassersteinLoss.detach(), penalty?.detach());
    }

    private Tensor GeneratorUpdate()
    {
        // The critic's parameters need no gradients here; skipping them saves a third of the backward.
        SetRequiresGrad(_critic, false);
        var loss = WassersteinLoss.Generator(_critic.forward(_generator.forward(Latent())));
        _generatorOptimizer.zero_grad();
        loss.backward();
        _generatorOptimizer.step();
        SetRequiresGrad(_critic, true);
        return loss.detach();
    }

    private Tensor Latent() => randn([_h.BatchSize, _h.LatentDim], device: _device, generator: _random);

    private static Tensor ParameterGradientNorm(nn.Module module)
    {
        using var noGrad = no_grad();
        var norms = module.parameters().Where(p => p.grad is not null).Select(p => p.grad!.norm()).ToArray();
        return norms.Length == 0 ? zeros(1, device: module.parameters().First().device) : stack(norms).norm();
    }

    private static void SetRequiresGrad(nn.Module module, bool requiresGrad)
    {
        foreach (var parameter in module.parameters()) parameter.requires_grad = requiresGrad;
    }

    public void Dispose()
    {
        // Optimisers own their state tensors (Adam's moments): free them with the job.
        _generatorOptimizer.Dispose();
        _criticOptimizer.Dispose();
        _one.Dispose();
        _penaltyWeight?.Dispose();
    }
}
