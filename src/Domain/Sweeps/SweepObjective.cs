using System.Text.Json.Serialization;

namespace WganService.Domain.Sweeps;

/// <summary>
/// What a sweep ranks its trials by, lower being better: the figure each trial's best generator is chosen by
/// (BestGenerator), so the sweep's best trial serves the generator that scored it. Which one that is follows
/// from the dataset: the held-out Fréchet distance on labelled image sets, the patch SWD on other image sets,
/// the SWD on vectors. Stored as strings (StoredEnumNamesTests pins them).
/// </summary>
public enum SweepObjective
{
    [JsonStringEnumMemberName("frechetDistance")]
    FrechetDistance,

    [JsonStringEnumMemberName("patchSlicedWasserstein")]
    PatchSlicedWasserstein,

    [JsonStringEnumMemberName("slicedWasserstein")]
    SlicedWasserstein,
}

public static class SweepObjectives
{
    /// <summary>The objective of a dataset: its JSON name is what a request may give (and the only one it may give).</summary>
    public static SweepObjective For(bool images, bool labelled) =>
        !images ? SweepObjective.SlicedWasserstein : labelled ? SweepObjective.FrechetDistance : SweepObjective.PatchSlicedWasserstein;

    public static string Name(SweepObjective objective) => objective switch
    {
        SweepObjective.FrechetDistance => "frechetDistance",
        SweepObjective.PatchSlicedWasserstein => "patchSlicedWasserstein",
        SweepObjective.SlicedWasserstein => "slicedWasserstein",
        _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, null),
    };
}
