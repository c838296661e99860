using WganService.Domain.Datasets;

namespace WganService.Api.Datasets;

/// <summary>
/// A labelled image dataset's domain classifier, trained by the first job on the dataset: its accuracy
/// and confident share (p ≥ 0.9) on held-out real images, and the noise yardstick, the Fréchet
/// distance of held-out images with Gaussian noise σ = 0.3 added ("recognisable but imperfect").
/// </summary>
public sealed record ClassifierResponse(int Classes, double HeldOutAccuracy, double RealConfidentShare, double NoiseFrechetDistance,
    DateTimeOffset TrainedAt)
{
    public static ClassifierResponse From(DatasetClassifier c)
        => new(c.Classes, c.HeldOutAccuracy, c.RealConfidentShare, c.NoiseFrechetDistance, c.CreatedAt);
}
