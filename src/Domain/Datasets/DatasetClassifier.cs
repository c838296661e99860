namespace WganService.Domain.Datasets;

/// <summary>
/// A labelled image dataset's domain classifier (<see cref="Gan.Classifier.DigitClassifier"/>), trained
/// once on the training split, with the figures that belong to the dataset rather than to a job: its
/// accuracy and confident share on the held-out images, and the noise yardstick. One row per dataset;
/// the first one stored wins.
/// </summary>
public sealed class DatasetClassifier
{
    public Guid DatasetId { get; init; }

    /// <summary>The classifier's weights (TorchSharp format).</summary>
    public required byte[] Weights { get; init; }

    /// <summary>Outputs of the classifier: the largest label + 1.</summary>
    public int Classes { get; init; }

    /// <summary>Share of held-out images (both halves) it classifies correctly.</summary>
    public double HeldOutAccuracy { get; init; }

    /// <summary>
    /// Share of held-out real images it assigns a class with probability ≥ 0.9: what a perfect generator's confidentShare would be.
    /// </summary>
    public double RealConfidentShare { get; init; }

    /// <summary>
    /// FD of held-out images with Gaussian noise σ = 0.3 added (clipped to [−1, 1]) against the other held-out half:
    /// "recognisable but imperfect".
    /// </summary>
    public double NoiseFrechetDistance { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
