using WganService.Gan.Datasets;
using static TorchSharp.torch;

namespace WganService.Gan;

/// <summary>
/// Puts a trainer together the way a job gets it: both networks seeded from the job's seed, the generator's
/// moving average when the job asks for one, and the <see cref="WganTrainer"/> over them. The service's
/// training session, the tests and the benchmarks all build theirs here, so what they test and time is
/// what a job runs.
/// </summary>
public static class TrainerFactory
{
    /// <param name="data">The training samples; it must draw from <paramref name="random"/>, which a checkpoint
    /// restores to replay the same batches. Both stay the caller's to dispose.</param>
    /// <param name="oneCriticPass">Null for the trainer's own choice (as a job gets it); true or false to force one.</param>
    /// <returns>The trainer and what it owns (itself, the networks and the average), disposed together.</returns>
    public static (WganTrainer Trainer, IDisposable Owned) Create(
        GanVariant variant, NetworkArchitecture architecture, Hyperparameters h, DatasetInfo info, ITrainingData data,
        Generator random, Device device, bool? oneCriticPass = null)
    {
        var (generator, critic) = GanNetworks.CreatePair(architecture, h, info, device);
        GeneratorEma? ema = null;
        try
        {
            ema = GanNetworks.CreateEma(architecture, h, info, generator, device);
            var trainer = new WganTrainer(generator, critic, data, random, variant, h, device, oneCriticPass, ema);
            return (trainer, new Owned(trainer, ema, critic, generator));
        }
        catch
        {
            new Owned(ema, critic, generator).Dispose();
            throw;
        }
    }

    /// <summary>Disposes in the order given: the trainer (its optimisers) before the networks it trains.</summary>
    private sealed class Owned(params IDisposable?[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items) item?.Dispose();
        }
    }
}
