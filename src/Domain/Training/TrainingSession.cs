using Microsoft.Extensions.Logging;
using WganService.Domain.Datasets.Storage;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Sweeps;
using WganService.Gan;
using static TorchSharp.torch;

namespace WganService.Domain.Training;

/// <summary>
/// One run of a job's training loop: Algorithm 1 of the WGAN papers with the service around it. Each turn
/// steps the trainer, records a metric row every <c>metricsEvery</c> steps, evaluates every
/// <c>evaluateEvery</c> steps, at each tenth of a time budget and at the end (<see cref="EvaluationSchedule"/>;
/// <see cref="EvaluationRecorder"/> records it and keeps the best generator too), checkpoints every
/// <c>checkpointEvery</c> steps, at the end and on shutdown (<see cref="CheckpointWriter"/>);
/// the run ends at <c>generatorSteps</c> or when its time budget runs out (<see cref="TrainingBudget"/>). What it
/// records reaches the database through the <see cref="RowFlusher"/>, which also renews the job's lease, checks
/// for cancellation and rides out database outages. A run resumes from the job's last checkpoint if it has one
/// (TrainingSession.Setup.cs). A sweep's trial also stops at its rungs to be judged (<see cref="TrialRungs"/>).
/// </summary>
internal sealed partial class TrainingSession(
    WganDbContext db, TimeProvider clock, TrainingOptions options, ILogger logger, TrialRungs? rungs = null)
{
    private readonly TrainingTimes _times = new();

    public async Task<SessionEnd> RunAsync(Job job, Device device, CancellationToken cancellationToken)
    {
        var h = job.Hyperparameters;
        var setup = _times.Measure(TrainingPhase.Setup);
        using var random = new Generator((ulong)h.Seed, device);
        var (data, evaluator) = await new DatasetStore(db, logger)
            .OpenForTrainingAsync(job.Dataset, h.LatentDim, h.Seed, random, device, cancellationToken);
        using var disposeData = data as IDisposable;
        using var disposeEvaluator = evaluator;
        var (trainer, owned) = TrainerFactory.Create(job.Variant, job.Architecture, h, job.DataInfo, data, random, device);
        using var disposeTrainer = owned;
        var run = Open(job, trainer, evaluator);
        run.Budget.Start(await ResumeAsync(run, cancellationToken));
        setup.Dispose();
        return await TrainAsync(run, cancellationToken);
    }

    private async Task<SessionEnd> TrainAsync(Run run, CancellationToken cancellationToken)
    {
        var (job, trainer, window, recent, budget, flusher, evaluations, _, checkpoints) = run;
        var h = job.Hyperparameters;
        var evaluationSchedule = new EvaluationSchedule(h, budget);
        evaluationSchedule.Start();
        // The baseline: where the untrained generator starts, so progress reads as a ratio to it.
        if (trainer.GeneratorStep == 0) evaluations.Evaluate(trainer.ServedGenerator, 0);
        flusher.RestartInterval();
        var stop = budget.StopReason(trainer.GeneratorStep);
        try
        {
            while (stop is null)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var step = await StepAsync(run);
                window.Add(step);
                recent.Add(step);
                stop = budget.StopReason(step.GeneratorStep);
                var last = stop is not null;
                bool Due(int every) => step.GeneratorStep % every == 0 || last;

                if (Due(h.MetricsEvery))
                {
                    db.Metrics.Add(window.Close(step, clock.GetUtcNow()));
                    flusher.RowsRecorded();
                }
                // A rung forces an evaluation: the trial is judged by what its generator scores there.
                var rungDue = rungs?.IsDue(step.GeneratorStep, budget.TrainingTime) ?? false;
                if (evaluationSchedule.IsDue(step.GeneratorStep, last) || rungDue)
                {
                    // An evaluation can take seconds on images: what was recorded before it goes out first,
                    // so people watching the job live are not kept waiting (issue D: events within 1 s).
                    await flusher.TryFlushAsync(step.GeneratorStep);
                    evaluations.Evaluate(trainer.ServedGenerator, step.GeneratorStep, trainer.Critic);
                }
                if (Due(h.CheckpointEvery) || rungDue) checkpoints.Save();
                if (last) rungs?.RecordEnd(step.GeneratorStep, run.Best.BestScore);
                else if (rungDue && await AtRungAsync(run, step.GeneratorStep, cancellationToken) != TrialVerdict.Continue)
                    return SessionEnd.EndedBySweep;
                var cancelRequested = await flusher.FlushIfDueAsync(step.GeneratorStep, last);
                if (cancelRequested) return SessionEnd.CancelRequested;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is shutting down: checkpoint where the run is, so the next worker repeats nothing.
            checkpoints.SaveIfBehind();
            await flusher.TryFlushAsync(trainer.GeneratorStep);
            throw;
        }
        await FinishAsync(run, stop, cancellationToken);
        return SessionEnd.Finished;
    }

    /// <summary>
    /// A trial at a rung: its result goes out with the checkpoint just taken (one save, so a trial resumed later
    /// neither repeats a step nor loses its result), then the sweep judges it.
    /// </summary>
    private async Task<TrialVerdict?> AtRungAsync(Run run, int generatorStep, CancellationToken cancellationToken)
    {
        rungs!.Record(generatorStep, run.Best.BestScore);
        await run.Flusher.FlushUntilSavedAsync(generatorStep, cancellationToken);
        var verdict = await rungs.DecideAsync(cancellationToken);
        LogJudged(run.Job.Id, rungs.Next - 1, generatorStep, run.Best.BestScore, verdict?.ToString() ?? "ended (cancelled)");
        return verdict;
    }

    /// <summary>
    /// One step of Algorithm 1 (n_critic critic updates, one generator update) at the learning rate its
    /// schedule sets. A diverged step ends the job; what was recorded up to it (and the best generator) is
    /// kept for the post-mortem.
    /// </summary>
    private async Task<StepMetrics> StepAsync(Run run)
    {
        var (h, trainer) = (run.Job.Hyperparameters, run.Trainer);
        if (h.LearningRateDecay != LearningRateDecay.None)
            trainer.SetLearningRate(LearningRateSchedule.At(h, trainer.GeneratorStep, run.Budget.TrainingTime));
        StepMetrics step;
        using (_times.Measure(TrainingPhase.Steps)) step = trainer.Step();
        if (!TrainingDivergedException.HasDiverged(step)) return step;
        await run.Flusher.TryFlushAsync(step.GeneratorStep - 1);
        throw TrainingDivergedException.AtStep(step, run.Best.Step);
    }

    /// <summary>Stores the final generator and marks the job succeeded, with what ended it and its W correlations.</summary>
    private async Task FinishAsync(Run run, TrainingStop? stop, CancellationToken cancellationToken)
    {
        var (job, trainer) = (run.Job, run.Trainer);
        db.Artifacts.Add(new Artifact
        {
            JobId = job.Id, Kind = ArtifactKinds.FinalGenerator, GeneratorStep = trainer.GeneratorStep,
            Data = GeneratorWeights.Save(trainer.ServedGenerator), CreatedAt = clock.GetUtcNow(),
        });
        LogTimes(job.Id, _times.Total.TotalSeconds, _times);
        job.Succeed(run.Evaluations.Wasserstein.Correlations(), clock.GetUtcNow(), stop ?? TrainingStop.Steps);
        // The result must reach the database: wait out an outage rather than lose the run.
        await run.Flusher.FlushUntilSavedAsync(trainer.GeneratorStep, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Job {JobId} completed rung {Rung} at generator step {Step} with objective {Objective}: {Verdict}")]
    private partial void LogJudged(Guid jobId, int rung, int step, double objective, string verdict);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} trained for {Seconds:F2} s: {Times}")]
    private partial void LogTimes(Guid jobId, double seconds, TrainingTimes times);
}
