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
    /// <summary>
    /// The rules between the upload's parts, in one place: the Api answers a broken one as a 400 naming the form
    /// field (<see cref="InvalidUploadException.Field"/>), and <see cref="DatasetStore.SaveAsync"/> stores nothing.
    /// </summary>
    public void Validate()
    {
        if (Labels is not null && Labels.Length != Data.Count)
            throw new InvalidUploadException("labels", CountsDiffer(Labels.Length, "'file'", Data.Count));
        if (HeldOut is null)
        {
            if (HeldOutLabels is not null) throw new InvalidUploadException("heldOutLabels", "needs 'heldOut': they label its samples.");
            return;
        }
        if (HeldOut.Kind != Data.Kind || !HeldOut.SampleShape.SequenceEqual(Data.SampleShape))
            throw new InvalidUploadException("heldOut",
                $"holds {Describe(HeldOut)} but 'file' holds {Describe(Data)}; the held-out samples must be like the data's.");
        if (HeldOut.Count < 2)
            throw new InvalidUploadException("heldOut",
                $"holds {HeldOut.Count} sample(s); a held-out file needs at least 2 (evaluation compares two halves).");
        if (Labels is null && HeldOutLabels is not null)
            throw new InvalidUploadException("heldOutLabels",
                "needs 'labels' for 'file' too: the data and its held-out file are labelled both or neither.");
        if (Labels is not null && HeldOutLabels is null)
            throw new InvalidUploadException("heldOutLabels",
                "is required when 'labels' and 'heldOut' are sent: one label per held-out sample.");
        if (Labels is null || HeldOutLabels is null) return; // neither is labelled
        if (HeldOutLabels.Length != HeldOut.Count)
            throw new InvalidUploadException("heldOutLabels", CountsDiffer(HeldOutLabels.Length, "'heldOut'", HeldOut.Count));
        if (FirstUnseenLabel(Labels, HeldOutLabels) is { } unseen)
            throw new InvalidUploadException("heldOutLabels",
                $"holds label {unseen}, which no sample of 'file' has; the classifier learns only the data's classes.");
    }

    private static string CountsDiffer(int labels, string samplesField, int samples) =>
        $"holds {labels} labels but {samplesField} holds {samples} samples; the counts must match (one label per sample).";

    private static string Describe(ParsedDataset d) =>
        $"{d.Kind.ToString().ToLowerInvariant()} of shape [{string.Join(", ", d.SampleShape)}]";

    /// <summary>The first held-out label that no sample of the data has (the classifier learns only the data's classes), or null.</summary>
    private static int? FirstUnseenLabel(byte[] labels, byte[] heldOutLabels)
    {
        var seen = new bool[256];
        foreach (var label in labels) seen[label] = true;
        foreach (var label in heldOutLabels)
            if (!seen[label]) return label;
        return null;
    }
}

/// <summary>An upload that broke a rule: <see cref="Field"/> names the form field, the message the rule.</summary>
public sealed class InvalidUploadException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
