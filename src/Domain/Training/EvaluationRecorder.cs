using Microsoft.EntityFrameworkCore;
using WganService.Domain.Persistence;
using WganService.Gan.Evaluation;
using static TorchSharp.torch;

namespace WganService.Domain.Training;

/// <summary>
/// Records each evaluation of the generator: its row (SWD, coverage, FD, the W estimate), its sample
/// picture, and its generator as the best if it scores lowest (<see cref="BestGenerator"/>). A non-finite
/// SWD ends the job as diverged.
/// </summary>
internal sealed class EvaluationRecorder(
    WganDbContext db, Guid jobId, IEvaluator evaluator, BestGenerator best, RowFlusher flusher, TimeProvider clock, TrainingTimes times,
    RecentWasserstein recent)
{
    public WassersteinAtEvaluations Wasserstein { get; } = new(recent);

    /// <param name="critic">The critic as trained so far, which reads the W estimate on the held-out data; null at the
    /// untrained baseline, whose critic has not been trained to read anything.</param>
    public void Evaluate(nn.Module<Tensor, Tensor> generator, int generatorStep, nn.Module<Tensor, Tensor>? critic = null)
    {
        using var timed = times.Measure(TrainingPhase.Evaluations);
        var result = evaluator.Evaluate(generator, generatorStep, critic);
        if (!double.IsFinite(result.SlicedWasserstein))
            throw TrainingDivergedException.AtEvaluation(generatorStep, result.SlicedWasserstein, best.Step);
        flusher.RowsRecorded();
        var (heldOut, training) = Wasserstein.AtEvaluation(result);
        db.Evaluations.Add(new JobEvaluation
        {
            JobId = jobId, GeneratorStep = generatorStep, SlicedWasserstein = result.SlicedWasserstein,
            SlicedWassersteinFloor = result.SlicedWassersteinFloor, ModesCovered = result.Coverage?.ModesCovered,
            Modes = result.Coverage?.Modes, HighQualityRatio = result.Coverage?.HighQualityRatio,
            WassersteinEstimate = heldOut, TrainingWassersteinMean = training, RecordedAt = clock.GetUtcNow(),
            FrechetDistance = result.Classifier?.FrechetDistance, FrechetDistanceFloor = result.Classifier?.FrechetDistanceFloor,
            ClassesCovered = result.Classifier?.ClassesCovered, ConfidentShare = result.Classifier?.ConfidentShare,
        });
        if (result.SamplePng.Length > 0)
            db.SampleImages.Add(new SampleImage { JobId = jobId, GeneratorStep = generatorStep, Png = result.SamplePng });
        best.Offer(generator, generatorStep, result);
    }

    /// <summary>Takes up the W readings of the evaluations the resumed run keeps (those up to its checkpoint).</summary>
    public async Task ResumeAsync(int resumedAt, CancellationToken cancellationToken)
    {
        var kept = await db.Evaluations.AsNoTracking()
            .Where(e => e.JobId == jobId && e.GeneratorStep <= resumedAt)
            .OrderBy(e => e.GeneratorStep)
            .Select(e => new { e.WassersteinEstimate, e.TrainingWassersteinMean, e.SlicedWasserstein, e.FrechetDistance })
            .ToListAsync(cancellationToken);
        Wasserstein.Resume(kept.Select(e => (e.WassersteinEstimate, e.TrainingWassersteinMean, e.SlicedWasserstein, e.FrechetDistance)));
    }
}
