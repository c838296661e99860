using Google.Protobuf;
using Tensorboard;

namespace WganService.Gan.TensorBoard;

/// <summary>
/// A TensorBoard event file rebuilt from a job's stored rows: scalars for each metric row and
/// evaluation, and the evaluation's sample picture. Every event carries the row's own step and time,
/// so the file shows the run as it happened, whenever and wherever it is built.
/// </summary>
/// <remarks>
/// Start with <see cref="WriteFileVersion"/>. Within a tag, write rows in step order; tags may
/// interleave in any order (with file version 2, TensorBoard drops data only on a session restart,
/// not on a step that goes back across tags).
/// </remarks>
public sealed class TensorBoardEventFile(Stream output)
{
    public const string FileVersion = "brain.Event:2";

    public const string CriticLoss = "Loss/critic";
    public const string GeneratorLoss = "Loss/generator";
    public const string WassersteinEstimate = "Wasserstein/estimate";
    public const string GradientPenalty = "Loss/gradient_penalty";
    public const string CriticGradientNorm = "Critic/gradient_norm";
    public const string SamplesPerSecond = "Throughput/samples_per_second";
    public const string SlicedWasserstein = "Evaluation/swd";
    public const string SlicedWassersteinFloor = "Evaluation/swd_floor";
    public const string ModesCovered = "Evaluation/modes_covered";
    public const string FrechetDistance = "Evaluation/fd";
    public const string FrechetDistanceFloor = "Evaluation/fd_floor";
    public const string ClassesCovered = "Evaluation/classes_covered";
    public const string ConfidentShare = "Evaluation/confident_share";
    public const string HighQualityRatio = "Evaluation/high_quality_ratio";
    public const string Samples = "Samples";

    private readonly TfRecordWriter _records = new(output);

    /// <summary>The header event TensorBoard reads the format version from.</summary>
    public void WriteFileVersion(DateTimeOffset wallTime) =>
        Write(new Event { WallTime = WallTime(wallTime), FileVersion = FileVersion });

    /// <summary>
    /// One event with a row's scalars at its own step and time; a null value is left out (the gradient
    /// penalty of a WGAN job, mode coverage on image sets). WganService.Domain.TensorBoard.JobRowEvents
    /// writes the stored metric and evaluation rows this way.
    /// </summary>
    public void WriteScalars(int step, DateTimeOffset recordedAt, params ReadOnlySpan<(string Tag, double? Value)> scalars)
    {
        var summary = new Summary();
        foreach (var (tag, value) in scalars) Add(summary, tag, value);
        Write(step, recordedAt, summary);
    }

    /// <summary>The sample picture drawn at an evaluation, stamped with that evaluation's time.</summary>
    /// <returns>False when <paramref name="png"/> is not a readable PNG and nothing was written.</returns>
    public bool WriteSamples(int generatorStep, DateTimeOffset recordedAt, byte[] png)
    {
        if (PngImageSummary.From(png) is not { } image) return false;
        var summary = new Summary();
        summary.Value.Add(new Summary.Types.Value { Tag = Samples, Image = image });
        Write(generatorStep, recordedAt, summary);
        return true;
    }

    /// <remarks>simple_value is a float: TensorBoard's classic scalar, read by every version; values
    /// keep float precision (about 7 digits), plenty for a chart.</remarks>
    private static void Add(Summary summary, string tag, double? value)
    {
        if (value is { } v) summary.Value.Add(new Summary.Types.Value { Tag = tag, SimpleValue = (float)v });
    }

    private void Write(int step, DateTimeOffset recordedAt, Summary summary) =>
        Write(new Event { Step = step, WallTime = WallTime(recordedAt), Summary = summary });

    private void Write(Event e) => _records.Write(e.ToByteArray());

    /// <summary>Unix seconds with a fraction, as TensorBoard's wall_time expects.</summary>
    private static double WallTime(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;
}
