using WganService.Gan;

namespace WganService.Domain.Jobs;

/// <summary>A validated job spec with every default filled in.</summary>
public sealed record ResolvedJob(
    string Name,
    string Dataset,
    GanVariant Variant,
    NetworkArchitecture Architecture,
    DevicePreference Device,
    Hyperparameters Hyperparameters,
    IReadOnlyList<int> SampleShape);
