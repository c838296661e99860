namespace WganService.Gan.Evaluation;

/// <summary>
/// A multi-scale patch sliced Wasserstein distance (<see cref="PatchSlicedWasserstein"/>): one raw SW₁
/// per Laplacian pyramid level, finest first, and their mean, the single number a job tracks.
/// Karras et al. 2018 print these values multiplied by 10³; they are kept raw here, like
/// <see cref="SlicedWasserstein"/>, so a value and its floor read the same way.
/// </summary>
public sealed record PatchSwdResult(IReadOnlyList<double> PerLevel, double Mean);
