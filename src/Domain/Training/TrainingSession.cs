using Microsoft.Extensions.Logging;
using WganService.Domain.Datasets;
using WganService.Domain.Gan;
using WganService.Domain.Gan.Evaluation;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using static TorchSharp.torch;

namespace WganService.Domain.Training;

/// <summary>
/// One run of a job's training loop: steps the trainer, records metric rows every
/// <c>metricsEvery</c> steps, evaluates every <c>evaluateEvery</c> steps and at the end (keeping the
/// generator with the lowest SWD), checkpoints every <c>checkpointEvery</c> steps and at the end, and flushes to the database about once per flush interval, which is
/// also when it checks for cancellation.
/// </summary>
internal sealed class TrainingSession(WganDbContext db, TimeProvider clock, TrainingOptions options, ILogger logger)
{
    private readonly List<(double Wasserstein, double Swd)> _evaluationPairs = [];
    private double _wassersteinSinceEvaluation;
    private int _stepsSinceEvaluation;
    private Artifact? _best;
    private Artifact? _checkpoint;
    private double _bestSwd = double.PositiveInfinity;

    /// <returns>False when the job was cancelled before it finished.</returns>
    public async Task<bool> RunAsync(Job job, Device device, CancellationToken cancellationToken)
    {
        var h = job.Hyperparameters;
        var (generator, critic) = GanNetworks.CreatePair(job.Architecture, h, job.DataInfo, device);
        using var disposeNetworks = new CompositeDisposable(generator, critic);
        using var random = new Generator((ulong)h.Seed, device);
        var (data, evaluator) = await new DatasetStore(db).OpenForTrainingAsync(job.Dataset, h.LatentDim, h.Seed, random, device, cancellationToken);
        using var disposeData = data as IDisposable;
        using var disposeEvaluator = evaluator;
        using var trainer = new WganTrainer(generator, critic, data, random, job.Variant, h, device);

        // The baseline: where the untrained generator starts, so progress reads as a ratio to it.
        if (trainer.GeneratorStep == 0) Evaluate(job, evaluator, generator, 0);
        var window = new MetricWindow(job.Id, h.BatchSize * h.CriticSteps);
        var nextFlush = clock.GetUtcNow() + options.FlushInterval;
        while (trainer.GeneratorStep < h.GeneratorSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (h.LearningRateDecay != LearningRateDecay.None) trainer.SetLearningRate(LearningRateSchedule.At(h, trainer.GeneratorStep));
            var step = trainer.Step();
            window.Add(step);
            (_wassersteinSinceEvaluation, _stepsSinceEvaluation) = (_wassersteinSinceEvaluation + step.WassersteinEstimate, _stepsSinceEvaluation + 1);
            var last = step.GeneratorStep == h.GeneratorSteps;
            if (step.GeneratorStep % h.MetricsEvery == 0 || last) db.Metrics.Add(window.Close(step, clock.GetUtcNow()));
            if (step.GeneratorStep % h.EvaluateEvery == 0 || last)
            {
                // An evaluation can take seconds on images: what was recorded before it goes out first,
                // so people watching the job live are not kept waiting (issue D: events within 1 s).
                await FlushAsync(job, step.GeneratorStep, cancellationToken);
                Evaluate(job, evaluator, generator, step.GeneratorStep);
            }
            if (step.GeneratorStep % h.CheckpointEvery == 0 || last) SaveCheckpoint(job, trainer);
            if (clock.GetUtcNow() < nextFlush && !last) continue;

            await FlushAsync(job, step.GeneratorStep, cancellationToken);
            nextFlush = clock.GetUtcNow() + options.FlushInterval;
            if (!last && await db.CancelRequestedAsync(job.Id, cancellationToken)) return false;
        }

        db.Artifacts.Add(new Artifact
        {
            JobId = job.Id, Kind = ArtifactKinds.FinalGenerator, GeneratorStep = trainer.GeneratorStep,
            Data = GeneratorWeights.Save(generator), CreatedAt = clock.GetUtcNow(),
        });
        job.Succeed(Spearman.Correlation(_evaluationPairs.ConvertAll(p => p.Wasserstein), _evaluationPairs.ConvertAll(p => p.Swd)), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task FlushAsync(Job job, int generatorStep, CancellationToken cancellationToken)
    {
        job.ReportProgress(generatorStep);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Keeps one checkpoint per job (the latest), written with the next flush.</summary>
    private void SaveCheckpoint(Job job, WganTrainer trainer)
    {
        _checkpoint ??= db.Artifacts.Add(new Artifact { JobId = job.Id, Kind = ArtifactKinds.Checkpoint, Data = [] }).Entity;
        (_checkpoint.GeneratorStep, _checkpoint.Data, _checkpoint.CreatedAt) = (trainer.GeneratorStep, trainer.SaveCheckpoint(), clock.GetUtcNow());
    }

    private void Evaluate(Job job, IEvaluator evaluator, nn.Module<Tensor, Tensor> generator, int generatorStep)
    {
        var result = evaluator.Evaluate(generator, generatorStep);
        double? wasserstein = _stepsSinceEvaluation == 0 ? null : _wassersteinSinceEvaluation / _stepsSinceEvaluation;
        (_wassersteinSinceEvaluation, _stepsSinceEvaluation) = (0, 0);
        if (wasserstein is { } w) _evaluationPairs.Add((w, result.SlicedWasserstein));
        db.Evaluations.Add(new JobEvaluation
        {
            JobId = job.Id, GeneratorStep = generatorStep, SlicedWasserstein = result.SlicedWasserstein,
            SlicedWassersteinFloor = result.SlicedWassersteinFloor, ModesCovered = result.Coverage?.ModesCovered,
            Modes = result.Coverage?.Modes, HighQualityRatio = result.Coverage?.HighQualityRatio,
            WassersteinEstimate = wasserstein, RecordedAt = clock.GetUtcNow(),
        });
        if (result.SamplePng.Length > 0) db.SampleImages.Add(new SampleImage { JobId = job.Id, GeneratorStep = generatorStep, Png = result.SamplePng });

        // The untrained baseline is a reference point, never a generator to serve.
        if (generatorStep == 0 || (_best is not null && _bestSwd <= result.SlicedWasserstein)) return;
        _bestSwd = result.SlicedWasserstein;
        _best ??= db.Artifacts.Add(new Artifact { JobId = job.Id, Kind = ArtifactKinds.BestGenerator, Data = [] }).Entity;
        (_best.GeneratorStep, _best.Data, _best.CreatedAt) = (generatorStep, GeneratorWeights.Save(generator), clock.GetUtcNow());
        logger.LogDebug("New best generator at step {Step}: SWD {Swd}", generatorStep, result.SlicedWasserstein);
    }
}
