using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WganService.Gan;

public sealed partial class WganTrainer
{
    /// <summary>
    /// Captures the run between two steps: both networks, both optimisers, the generator step and the
    /// state of the random generator shared with the data source, the generator's moving average, and the
    /// training time the caller has counted and the caller's running means (see <see cref="TrainingCheckpoint"/>).
    /// </summary>
    public byte[] SaveCheckpoint(TimeSpan trainingTime = default, byte[]? runningMeans = null) => new TrainingCheckpoint(
        GeneratorStep,
        GeneratorWeights.Save(_generator),
        GeneratorWeights.Save(_critic),
        SaveOptimizer(_generatorOptimizer),
        SaveOptimizer(_criticOptimizer),
        SaveRandomState(_random),
        _ema is null ? [] : GeneratorWeights.Save(_ema.Average),
        _ema?.Updates ?? 0,
        trainingTime,
        runningMeans).ToBytes();

    /// <summary>
    /// Puts this trainer where <see cref="SaveCheckpoint"/> left the run. It must have been built from the
    /// same job (architecture, variant, optimiser), and its random generator must be the one its data
    /// source draws from: setting that object's state is what replays the same batches after the resume.
    /// </summary>
    /// <returns>The checkpoint read, for what the caller keeps in it (training time, running means).</returns>
    /// <exception cref="InvalidDataException">The blob is not a readable checkpoint of this format.</exception>
    public TrainingCheckpoint RestoreCheckpoint(byte[] checkpoint)
    {
        // Parse (and validate) the whole blob before touching any state.
        var c = TrainingCheckpoint.Read(checkpoint);
        GeneratorWeights.Load(_generator, c.Generator);
        GeneratorWeights.Load(_critic, c.Critic);
        LoadOptimizer(_generatorOptimizer, c.GeneratorOptimizer);
        LoadOptimizer(_criticOptimizer, c.CriticOptimizer);
        using (var state = tensor(c.RandomState, ScalarType.Byte)) _random.set_state(state);
        GeneratorStep = c.GeneratorStep;
        // A checkpoint from before the average existed (version 1): it starts from the restored weights.
        if (_ema is not null && c.GeneratorEma.Length > 0) _ema.Restore(c.GeneratorEma, c.EmaUpdates);
        else _ema?.Reset(_generator);
        return c;
    }

    private static byte[] SaveOptimizer(optim.Optimizer optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            Managed(optimizer).save_state_dict(writer);
        return stream.ToArray();
    }

    private static void LoadOptimizer(optim.Optimizer optimizer, byte[] state)
    {
        // Loads in place into the optimiser's existing state tensors; throws on another optimiser type.
        using var reader = new BinaryReader(new MemoryStream(state, writable: false));
        Managed(optimizer).load_state_dict(reader);
    }

    // save_state_dict/load_state_dict live on OptimizerHelper, the base of TorchSharp's managed optimisers (Adam, RMSProp).
    private static OptimizerHelper Managed(optim.Optimizer optimizer) => optimizer as OptimizerHelper
        ?? throw new NotSupportedException($"Optimizer {optimizer.GetType().Name} cannot save its state.");

    private static byte[] SaveRandomState(Generator random)
    {
        using var state = random.get_state();
        return state.data<byte>().ToArray();
    }
}
