using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WganService.Domain.Persistence;
using WganService.Gan;
using WganService.Gan.Evaluation;
using static TorchSharp.torch;

namespace WganService.Domain.Training;

/// <summary>
/// Keeps the job's best generator: the one with the lowest score at any evaluation after the baseline, as
/// one artifact rewritten in place (written with the next flush). The score is the SWD, or on labelled image
/// sets the Fréchet distance in the dataset classifier's features, which judges what the pictures show.
/// </summary>
internal sealed class BestGenerator(WganDbContext db, Guid jobId, TimeProvider clock, ILogger logger)
{
    private Artifact? _artifact;
    private double _score = double.PositiveInfinity;

    /// <summary>The best generator's step, null while there is none (for a diverged job's post-mortem).</summary>
    public int? Step => _artifact?.GeneratorStep;

    /// <summary>The best generator's score: the lowest after the baseline so far (infinity while there is none).</summary>
    public double BestScore => _score;

    public static double Score(EvaluationResult result) => result.Classifier?.FrechetDistance ?? result.SlicedWasserstein;

    /// <summary>Keeps <paramref name="generator"/> if it scores lower than the best so far (a tie keeps the earlier).</summary>
    public void Offer(nn.Module<Tensor, Tensor> generator, int generatorStep, EvaluationResult result)
    {
        // The untrained baseline is a reference point, never a generator to serve.
        var score = Score(result);
        if (generatorStep == 0 || (_artifact is not null && _score <= score)) return;
        _score = score;
        _artifact ??= db.Artifacts.Add(new Artifact { JobId = jobId, Kind = ArtifactKinds.BestGenerator, Data = [] }).Entity;
        (_artifact.GeneratorStep, _artifact.Data, _artifact.CreatedAt) =
            (generatorStep, GeneratorWeights.Save(generator), clock.GetUtcNow());
        logger.LogDebug("New best generator at step {Step}: SWD {Swd}, FD {Fd}",
            generatorStep, result.SlicedWasserstein, result.Classifier?.FrechetDistance);
    }

    /// <summary>
    /// Takes up the best generator of the run this one resumes at <paramref name="resumedAt"/>. Call it before
    /// the rows after the checkpoint are deleted: the best may come from after the checkpoint (it was still a
    /// real generator with that score), and its score is read from its evaluation row.
    /// </summary>
    public async Task ResumeAsync(int resumedAt, CancellationToken cancellationToken)
    {
        if (resumedAt == 0)
        {
            // Starting over: a best generator from a lost run has no evaluation left to stand on.
            await db.Artifacts.Where(a => a.JobId == jobId && a.Kind == ArtifactKinds.BestGenerator).ExecuteDeleteAsync(cancellationToken);
            return;
        }
        _artifact = await db.Artifacts
            .SingleOrDefaultAsync(a => a.JobId == jobId && a.Kind == ArtifactKinds.BestGenerator, cancellationToken);
        if (_artifact is null) return;
        var step = _artifact.GeneratorStep;
        _score = await db.Evaluations.Where(e => e.JobId == jobId && e.GeneratorStep == step)
            .Select(e => e.FrechetDistance ?? (double?)e.SlicedWasserstein)
            .SingleOrDefaultAsync(cancellationToken) ?? double.PositiveInfinity;
    }
}
