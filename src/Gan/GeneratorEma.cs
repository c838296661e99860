using static TorchSharp.torch;

namespace WganService.Gan;

/// <summary>
/// An exponential moving average of the generator's weights (Yazıcı et al. 2019, "The unusual
/// effectiveness of averaging in GAN training"): the average moves less than the raw generator, which
/// oscillates around the equilibrium, so its samples are cleaner. Updated after every generator step.
/// <para>
/// Warm-up: the decay used at update t (0-based) is min(decay, (1 + t) / (10 + t)), as TensorFlow's
/// ExponentialMovingAverage with num_updates. A plain 0.999 keeps e^(−0.116) ≈ 89 % of the untrained
/// network after 116 steps; with the warm-up the average forgets the initialisation within the first
/// steps and reaches the full decay after about 9,000.
/// </para>
/// <para>
/// BatchNorm buffers (running mean and variance) are copied from the raw generator, not averaged (as
/// StyleGAN2-ADA does): they describe the activations the raw weights produce, which the average's are
/// close to, and copying keeps the statistics from the same network state rather than a blur of old ones.
/// </para>
/// </summary>
public sealed class GeneratorEma : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _average;
    private readonly double _decay;

    /// <param name="average">
    /// A generator of the same architecture, owned from here on; its weights are overwritten with <paramref name="generator"/>'s.
    /// </param>
    public GeneratorEma(nn.Module<Tensor, Tensor> average, nn.Module<Tensor, Tensor> generator, double decay)
    {
        if (!(decay > 0 && decay < 1)) throw new ArgumentOutOfRangeException(nameof(decay), decay, "An EMA decay must be in (0, 1).");
        (_average, _decay) = (average, decay);
        Reset(generator);
    }

    /// <summary>The averaged generator: what is evaluated, stored and served.</summary>
    public nn.Module<Tensor, Tensor> Average => _average;

    /// <summary>Updates done so far (the warm-up's t).</summary>
    public long Updates { get; private set; }

    /// <summary>The decay used by the update that follows <paramref name="updatesBefore"/> updates.</summary>
    public static double EffectiveDecay(double decay, long updatesBefore) =>
        Math.Min(decay, (1.0 + updatesBefore) / (10.0 + updatesBefore));

    /// <summary>average ← d · average + (1 − d) · generator, in place; buffers copied.</summary>
    public void Update(nn.Module<Tensor, Tensor> generator)
    {
        using var noGrad = no_grad();
        var weight = 1 - EffectiveDecay(_decay, Updates);
        foreach (var (average, raw) in _average.parameters().Zip(generator.parameters())) average.lerp_(raw, weight);
        foreach (var (average, raw) in _average.buffers().Zip(generator.buffers())) average.copy_(raw);
        Updates++;
    }

    /// <summary>Starts the average over from <paramref name="generator"/>'s current weights.</summary>
    public void Reset(nn.Module<Tensor, Tensor> generator)
    {
        using var noGrad = no_grad();
        foreach (var (average, raw) in _average.parameters().Zip(generator.parameters())) average.copy_(raw);
        foreach (var (average, raw) in _average.buffers().Zip(generator.buffers())) average.copy_(raw);
        Updates = 0;
    }

    /// <summary>Puts the average where a checkpoint left it.</summary>
    public void Restore(byte[] weights, long updates)
    {
        GeneratorWeights.Load(_average, weights);
        Updates = updates;
    }

    public void Dispose() => _average.Dispose();
}
