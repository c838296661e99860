using System.Text;

namespace WganService.Gan;

/// <summary>
/// Everything a training run needs to carry on exactly where it stopped, as one versioned blob:
/// a header (magic <c>WGANCKPT</c>, format version, generator step) followed by length-prefixed sections.
/// Version 2 appends the generator's moving average (an empty section when off), its update count and
/// the training time used so far; version 3 the caller's running means. Version 1 and 2 blobs still read,
/// with what they lack empty or zero.
/// </summary>
/// <param name="GeneratorStep">
/// Generator iterations done; the loop's position (and, times n_critic, the critic's). Without it a
/// resumed job would redo steps and its metric rows and schedules would be shifted.
/// </param>
/// <param name="Generator">Generator weights (TorchSharp <c>module.save</c> format).</param>
/// <param name="Critic">
/// Critic weights and buffers: the critic is half the game; a fresh one would have to relearn the
/// Wasserstein estimate and the generator would get useless gradients meanwhile.
/// </param>
/// <param name="GeneratorOptimizer">
/// The generator optimiser's state (TorchSharp <c>save_state_dict</c>): Adam's moments and step count
/// set the size and direction of the next update, so fresh ones would change every later step.
/// </param>
/// <param name="CriticOptimizer">The critic optimiser's state (Adam's moments or RMSprop's square average).</param>
/// <param name="RandomState">
/// The run's <see cref="TorchSharp.torch.Generator"/> state (<c>get_state()</c> bytes). It draws the data
/// batches, latents and penalty interpolation weights; reseeding would replay the start of the run.
/// </param>
/// <param name="GeneratorEma">
/// The generator's moving average (<see cref="Gan.GeneratorEma"/>), empty when the job has none: it is the
/// generator the job serves, and averaging again from the raw weights would lose the history it holds.
/// </param>
/// <param name="EmaUpdates">The average's update count, which sets its warm-up decay.</param>
/// <param name="TrainingTime">
/// Training time used up to this point: a resumed job carries on spending its <c>maxTrainingMinutes</c>
/// rather than getting a fresh budget (the time between this checkpoint and a crash is redone, so not counted).
/// </param>
/// <param name="RunningMeans">
/// The caller's sums for means it has not yet recorded (the training session's metric row and evaluation
/// windows), opaque here: a run resumed between two rows then records the same means as one that never stopped.
/// </param>
public sealed record TrainingCheckpoint(
    int GeneratorStep, byte[] Generator, byte[] Critic, byte[] GeneratorOptimizer, byte[] CriticOptimizer, byte[] RandomState,
    byte[] GeneratorEma, long EmaUpdates, TimeSpan TrainingTime, byte[]? RunningMeans = null)
{
    /// <summary>Bump when the layout changes (or a network's field names do: they are its saved names).</summary>
    public const int CurrentVersion = 3;

    /// <summary>Versions this build reads: 1 (no average, no training time), 2 (no running means) and the current one.</summary>
    private const int FirstVersion = 1;

    private static readonly byte[] Magic = "WGANCKPT"u8.ToArray();

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(CurrentVersion);
            writer.Write(GeneratorStep);
            foreach (var section in new[] { Generator, Critic, GeneratorOptimizer, CriticOptimizer, RandomState, GeneratorEma })
            {
                writer.Write(section.Length);
                writer.Write(section);
            }
            writer.Write(EmaUpdates);
            writer.Write(TrainingTime.Ticks);
            var means = RunningMeans ?? [];
            writer.Write(means.Length);
            writer.Write(means);
        }
        return stream.ToArray();
    }

    /// <summary>Reads only the header, so a caller can see a checkpoint's version and step without restoring it.</summary>
    /// <exception cref="InvalidDataException">Wrong magic, unknown version or a blob too short for a header.</exception>
    public static (int Version, int GeneratorStep) ReadHeader(byte[] checkpoint) => Parse(checkpoint, ReadHeader);

    /// <exception cref="InvalidDataException">Wrong magic, unknown version, a truncated blob or trailing bytes.</exception>
    public static TrainingCheckpoint Read(byte[] checkpoint) => Parse(checkpoint, reader =>
    {
        var (version, step) = ReadHeader(reader);
        var result = new TrainingCheckpoint(
            step, ReadSection(reader), ReadSection(reader), ReadSection(reader), ReadSection(reader), ReadSection(reader),
            GeneratorEma: version >= 2 ? ReadSection(reader) : [],
            EmaUpdates: version >= 2 ? reader.ReadInt64() : 0,
            TrainingTime: version >= 2 ? TimeSpan.FromTicks(reader.ReadInt64()) : TimeSpan.Zero,
            RunningMeans: version >= 3 ? ReadSection(reader) : []);
        if (reader.BaseStream.Position != reader.BaseStream.Length)
            throw new InvalidDataException(
                $"Checkpoint has {reader.BaseStream.Length - reader.BaseStream.Position} unexpected trailing bytes.");
        return result;
    });

    private static T Parse<T>(byte[] checkpoint, Func<BinaryReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var reader = new BinaryReader(new MemoryStream(checkpoint, writable: false));
        try
        {
            return read(reader);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"Checkpoint is truncated ({checkpoint.Length} bytes).", e);
        }
    }

    /// <returns>The version, checked to be one this build reads, and the generator step.</returns>
    private static (int Version, int GeneratorStep) ReadHeader(BinaryReader reader)
    {
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException("Not a training checkpoint: wrong magic (expected 'WGANCKPT').");
        var version = reader.ReadInt32();
        if (version is < FirstVersion or > CurrentVersion)
            throw new InvalidDataException(
                $"Unknown checkpoint format version {version} (this build reads versions {FirstVersion} to {CurrentVersion}).");
        return (version, reader.ReadInt32());
    }

    private static byte[] ReadSection(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new InvalidDataException($"Checkpoint is truncated: a section of {length} bytes runs past the end.");
        return reader.ReadBytes(length);
    }
}
