namespace WganService.Domain.Persistence;

/// <summary>
/// One evaluation of a job's generator on held-out data. <see cref="WassersteinEstimate"/> is the
/// critic's reading on the held-out data and this evaluation's own samples (HeldOutWasserstein; null at
/// step 0): the pairs (estimate, SWD or FD) are what the job's Spearman correlations are computed from.
/// </summary>
public sealed class JobEvaluation
{
    public Guid JobId { get; init; }
    public int GeneratorStep { get; init; }
    public double SlicedWasserstein { get; init; }
    public double SlicedWassersteinFloor { get; init; }
    public int? ModesCovered { get; init; }
    public int? Modes { get; init; }
    public double? HighQualityRatio { get; init; }

    /// <summary>Labelled image sets only (else null): Fréchet distance between the dataset classifier's
    /// penultimate features of generated samples and of held-out images, and the same between two real
    /// held-out halves (the floor); see <see cref="Gan.Classifier.ClassifierEvaluation"/>.</summary>
    public double? FrechetDistance { get; init; }
    public double? FrechetDistanceFloor { get; init; }

    /// <summary>Classes that receive at least 2% of the generated samples (labelled image sets only).</summary>
    public int? ClassesCovered { get; init; }

    /// <summary>Share of generated samples the classifier assigns a class with probability ≥ 0.9 (labelled image sets only).</summary>
    public double? ConfidentShare { get; init; }
    /// <summary>Null at step 0, before any training step has produced an estimate.</summary>
    public double? WassersteinEstimate { get; init; }

    /// <summary>
    /// The mean of the training steps' W estimates over the 200 generator steps before this evaluation
    /// (fewer early on; null at step 0 and for evaluations recorded before the service kept it).
    /// </summary>
    public double? TrainingWassersteinMean { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>The sample picture (grid or scatter) drawn at an evaluation, kept apart so listing evaluations stays light.</summary>
public sealed class SampleImage
{
    public Guid JobId { get; init; }
    public int GeneratorStep { get; init; }
    public required byte[] Png { get; init; }
}
