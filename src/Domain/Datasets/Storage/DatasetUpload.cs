using WganService.Gan.Datasets.Readers;

namespace WganService.Domain.Datasets.Storage;

/// <summary>
/// What POST /datasets stores: the data, its labels (one per sample, or null), and optionally a held-out
/// file of the same kind and sample shape, labelled exactly when the data is, that evaluation draws its
/// real comparison sets from (<see cref="UploadedDataset.HeldOutCount"/>).
/// </summary>
public sealed record DatasetUpload(
    string Name, ParsedDataset Data, byte[]? Labels, ParsedDataset? HeldOut = null, byte[]? HeldOutLabels = null)
{
    /// <summary>The rules the Api checks field by field before it stores anything; here they guard every other caller.</summary>
    public void Validate()
    {
        if (Labels is not null && Labels.Length != Data.Count)
            throw new ArgumentException($"{Labels.Length} labels for {Data.Count} samples.", nameof(Labels));
        if (HeldOut is null)
        {
            if (HeldOutLabels is not null) throw new ArgumentException("Held-out labels without held-out samples.", nameof(HeldOutLabels));
            return;
        }
        if (HeldOut.Kind != Data.Kind || !HeldOut.SampleShape.SequenceEqual(Data.SampleShape))
            throw new ArgumentException("The held-out samples' kind or shape differs from the data's.", nameof(HeldOut));
        if (HeldOut.Count < 2) throw new ArgumentException("A held-out file needs at least 2 samples (two halves).", nameof(HeldOut));
        if ((Labels is null) != (HeldOutLabels is null))
            throw new ArgumentException("The data and its held-out file must both be labelled or both not.", nameof(HeldOutLabels));
        if (HeldOutLabels is not null && HeldOutLabels.Length != HeldOut.Count)
            throw new ArgumentException($"{HeldOutLabels.Length} held-out labels for {HeldOut.Count} samples.", nameof(HeldOutLabels));
        if (HeldOutLabels is not null && FirstUnseenLabel(Labels!, HeldOutLabels) is { } unseen)
            throw new ArgumentException($"Held-out label {unseen} is no class of the data.", nameof(HeldOutLabels));
    }

    /// <summary>The first held-out label that no sample of the data has (the classifier learns only the data's classes), or null.</summary>
    public static int? FirstUnseenLabel(byte[] labels, byte[] heldOutLabels)
    {
        var seen = new bool[256];
        foreach (var label in labels) seen[label] = true;
        foreach (var label in heldOutLabels)
            if (!seen[label]) return label;
        return null;
    }
}
