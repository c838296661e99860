using Microsoft.Extensions.Logging;
using WganService.Domain.Datasets;
using WganService.Domain.Datasets.Storage;
using WganService.Gan;
using WganService.Gan.Evaluation;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using static TorchSharp.torch;

namespace WganService.Domain.Training;

/// <summary>
/// One run of a job's training loop: resumes from the job's last checkpoint if it has one, steps the
/// trainer, records metric rows every <c>metricsEvery</c> steps, evaluates every <c>evaluateEvery</c>
/// steps and at the end (keeping the generator with the lowest SWD; the moving average when the job has
/// one), checkpoints every <c>checkpointEvery</c> steps, at the end and on shutdown, ends at
/// <c>generatorSteps</c> or when its time budget runs out (TrainingSession.Budget.cs), and flushes to the
/// database within a flush interval of recording a row (once per idle flush interval with only progress to
/// write), which also renews the job's lease and checks for cancellation. While the database is
/// unreachable it keeps training and keeps the unsaved rows for the next flush.
/// </summary>
internal sealed partial class TrainingSession(WganDbContext db, TimeProvider clock, TrainingOptions options, ILogger logger)
{
    private readonly List<(double Wasserstein, double Swd)> _evaluationPairs = [];
    private readonly List<(double Wasserstein, double Fd)> _fdPairs = [];
    private double _wassersteinSinceEvaluation;
    private int _stepsSinceEvaluation;
    private Artifact? _best;
    private Artifact? _checkpoint;
    // SWD, or on labelled image sets the Fréchet distance in the dataset classifier's features.
    private double _bestScore = double.PositiveInfinity;
    private DateTimeOffset? _databaseDownSince;
    // Metric, evaluation or checkpoint rows not yet saved: they go out within a flush interval, while a
    // flush with nothing but progress to write waits the longer idle interval.
    private bool _unsavedRows;
    private readonly TrainingTimes _times = new();

    /// <returns>False when the job was cancelled before it finished.</returns>
    public async Task<bool> RunAsync(Job job, Device device, CancellationToken cancellationToken)
    {
        var h = job.Hyperparameters;
        var setup = _times.Measure(TrainingPhase.Setup);
        var (generator, critic) = GanNetworks.CreatePair(job.Architecture, h, job.DataInfo, device);
        using var disposeNetworks = new CompositeDisposable(generator, critic);
        using var ema = GanNetworks.CreateEma(job.Architecture, h, job.DataInfo, generator, device);
        using var random = new Generator((ulong)h.Seed, device);
        var (data, evaluator) = await new DatasetStore(db, logger).OpenForTrainingAsync(job.Dataset, h.LatentDim, h.Seed, random, device, cancellationToken);
        using var disposeData = data as IDisposable;
        using var disposeEvaluator = evaluator;
        using var trainer = new WganTrainer(generator, critic, data, random, job.Variant, h, device, ema: ema);

        var window = new MetricWindow(job.Id, h.BatchSize);
        StartTrainingClock(await ResumeAsync(job, trainer, window, cancellationToken));
        setup.Dispose();
        // The baseline: where the untrained generator starts, so progress reads as a ratio to it.
        if (trainer.GeneratorStep == 0) Evaluate(job, evaluator, trainer.ServedGenerator, 0);
        var lastFlush = clock.GetUtcNow();
        var stop = StopReason(h, trainer.GeneratorStep);
        try
        {
            while (stop is null)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (h.LearningRateDecay != LearningRateDecay.None) trainer.SetLearningRate(LearningRateSchedule.At(h, trainer.GeneratorStep, TrainingTime()));
                StepMetrics step;
                using (_times.Measure(TrainingPhase.Steps)) step = trainer.Step();
                if (TrainingDivergedException.HasDiverged(step))
                {
                    // What was recorded up to here (and the best generator) is kept for the post-mortem.
                    await TryFlushAsync(job, step.GeneratorStep - 1);
                    throw TrainingDivergedException.AtStep(step, _best?.GeneratorStep);
                }
                window.Add(step);
                (_wassersteinSinceEvaluation, _stepsSinceEvaluation) = (_wassersteinSinceEvaluation + step.WassersteinEstimate, _stepsSinceEvaluation + 1);
                stop = StopReason(h, step.GeneratorStep);
                var last = stop is not null;
                if (step.GeneratorStep % h.MetricsEvery == 0 || last)
                {
                    db.Metrics.Add(window.Close(step, clock.GetUtcNow()));
                    _unsavedRows = true;
                }
                if (step.GeneratorStep % h.EvaluateEvery == 0 || last)
                {
                    // An evaluation can take seconds on images: what was recorded before it goes out first,
                    // so people watching the job live are not kept waiting (issue D: events within 1 s).
                    await TryFlushAsync(job, step.GeneratorStep);
                    Evaluate(job, evaluator, trainer.ServedGenerator, step.GeneratorStep, trainer.Critic);
                }
                if (step.GeneratorStep % h.CheckpointEvery == 0 || last) SaveCheckpoint(job, trainer, window);
                if (!last && clock.GetUtcNow() < lastFlush + (_unsavedRows ? options.FlushInterval : options.IdleFlushInterval)) continue;

                var flushed = await TryFlushAsync(job, step.GeneratorStep);
                lastFlush = clock.GetUtcNow();
                if (flushed && !last && await db.CancelRequestedAsync(job.Id, CancellationToken.None)) return false;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is shutting down: checkpoint where the run is, so the next worker repeats nothing.
            if (_checkpoint?.GeneratorStep != trainer.GeneratorStep) SaveCheckpoint(job, trainer, window);
            await TryFlushAsync(job, trainer.GeneratorStep);
            throw;
        }

        db.Artifacts.Add(new Artifact
        {
            JobId = job.Id, Kind = ArtifactKinds.FinalGenerator, GeneratorStep = trainer.GeneratorStep,
            Data = GeneratorWeights.Save(trainer.ServedGenerator), CreatedAt = clock.GetUtcNow(),
        });
        LogTimes(job.Id, _times.Total.TotalSeconds, _times);
        job.Succeed(Spearman.Correlation(_evaluationPairs.ConvertAll(p => p.Wasserstein), _evaluationPairs.ConvertAll(p => p.Swd)), clock.GetUtcNow(),
            stop ?? TrainingStop.Steps, Spearman.Correlation(_fdPairs.ConvertAll(p => p.Wasserstein), _fdPairs.ConvertAll(p => p.Fd)));
        // The result must reach the database: wait out an outage rather than lose the run.
        while (!await TryFlushAsync(job, trainer.GeneratorStep)) await Task.Delay(options.FlushInterval, clock, cancellationToken);
        return true;
    }

    /// <summary>Writes what is pending and renews the lease (the job row's save checks it is still ours).</summary>
    /// <returns>False when the database could not be reached: the changes stay pending for the next try.</returns>
    private async Task<bool> TryFlushAsync(Job job, int generatorStep)
    {
        using var timed = _times.Measure(TrainingPhase.Flushes);
        job.ReportProgress(generatorStep, clock.GetUtcNow(), options.LeaseDuration);
        try
        {
            // Never cancelled half-way: a short write either lands or fails whole, and the shutdown
            // path still has its checkpoint to write on this same context.
            if (_databaseDownSince is not null) await UnacknowledgedCommit.TakeStoredChangesAsSavedAsync(db, job, CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (TransientDatabaseErrors.IsTransient(e))
        {
            if (_databaseDownSince is null) LogDatabaseDown(e, job.Id, generatorStep);
            _databaseDownSince ??= clock.GetUtcNow();
            return false;
        }
        _unsavedRows = false;
        if (_databaseDownSince is { } since) LogDatabaseBack(job.Id, clock.GetUtcNow() - since, generatorStep);
        _databaseDownSince = null;
        return true;
    }

    /// <summary>Keeps one checkpoint per job (the latest), written with the next flush.</summary>
    private void SaveCheckpoint(Job job, WganTrainer trainer, MetricWindow window)
    {
        using var timed = _times.Measure(TrainingPhase.Checkpoints);
        _checkpoint ??= db.Artifacts.Add(new Artifact { JobId = job.Id, Kind = ArtifactKinds.Checkpoint, Data = [] }).Entity;
        (_checkpoint.GeneratorStep, _checkpoint.Data, _checkpoint.CreatedAt) = (trainer.GeneratorStep, trainer.SaveCheckpoint(TrainingTime(), SaveRunningMeans(window)), clock.GetUtcNow());
        _unsavedRows = true;
    }

    /// <param name="critic">Null for the untrained baseline, whose critic has not been trained to read anything.</param>
    private void Evaluate(Job job, IEvaluator evaluator, nn.Module<Tensor, Tensor> generator, int generatorStep, nn.Module<Tensor, Tensor>? critic = null)
    {
        using var timed = _times.Measure(TrainingPhase.Evaluations);
        var result = evaluator.Evaluate(generator, generatorStep, critic);
        if (!double.IsFinite(result.SlicedWasserstein)) throw TrainingDivergedException.AtEvaluation(generatorStep, result.SlicedWasserstein, _best?.GeneratorStep);
        _unsavedRows = true;
        // The critic's estimate on the held-out data and the samples the SWD/FD judge (HeldOutWasserstein).
        var wasserstein = result.WassersteinEstimate;
        if (wasserstein is { } w)
        {
            _evaluationPairs.Add((w, result.SlicedWasserstein));
            if (result.Classifier is { } c) _fdPairs.Add((w, c.FrechetDistance));
        }
        db.Evaluations.Add(new JobEvaluation
        {
            JobId = job.Id, GeneratorStep = generatorStep, SlicedWasserstein = result.SlicedWasserstein,
            SlicedWassersteinFloor = result.SlicedWassersteinFloor, ModesCovered = result.Coverage?.ModesCovered,
            Modes = result.Coverage?.Modes, HighQualityRatio = result.Coverage?.HighQualityRatio,
            WassersteinEstimate = wasserstein, RecordedAt = clock.GetUtcNow(),
            FrechetDistance = result.Classifier?.FrechetDistance, FrechetDistanceFloor = result.Classifier?.FrechetDistanceFloor,
            ClassesCovered = result.Classifier?.ClassesCovered, ConfidentShare = result.Classifier?.ConfidentShare,
        });
        if (result.SamplePng.Length > 0) db.SampleImages.Add(new SampleImage { JobId = job.Id, GeneratorStep = generatorStep, Png = result.SamplePng });

        // The untrained baseline is a reference point, never a generator to serve. Labelled image sets
        // pick the best by the Fréchet distance, which judges what the pictures show.
        var score = result.Classifier?.FrechetDistance ?? result.SlicedWasserstein;
        if (generatorStep == 0 || (_best is not null && _bestScore <= score)) return;
        _bestScore = score;
        _best ??= db.Artifacts.Add(new Artifact { JobId = job.Id, Kind = ArtifactKinds.BestGenerator, Data = [] }).Entity;
        (_best.GeneratorStep, _best.Data, _best.CreatedAt) = (generatorStep, GeneratorWeights.Save(generator), clock.GetUtcNow());
        logger.LogDebug("New best generator at step {Step}: SWD {Swd}, FD {Fd}", generatorStep, result.SlicedWasserstein, result.Classifier?.FrechetDistance);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} trained for {Seconds:F2} s: {Times}")]
    private partial void LogTimes(Guid jobId, double seconds, TrainingTimes times);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: the database is unreachable at generator step {Step}; training goes on and keeps its rows for the next flush")]
    private partial void LogDatabaseDown(Exception exception, Guid jobId, int step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: the database is back after {Outage}; rows up to generator step {Step} written")]
    private partial void LogDatabaseBack(Guid jobId, TimeSpan outage, int step);
}
