using SkiaSharp;
using Tensorboard;
using WganService.Domain.Persistence;
using WganService.Domain.TensorBoard;
using WganService.Gan.TensorBoard;

namespace WganService.Domain.Tests.TensorBoard;

public class TensorBoardEventFileTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 18, 0, 0, TimeSpan.Zero);

    private static double UnixSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private static byte[] Png(int width, int height, SKColorType colorType, SKAlphaType alphaType)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, colorType, alphaType));
        bitmap.Erase(new SKColor(200, 100, 50, 128));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static JobMetric Metric(int step, double? penalty) => new()
    {
        GeneratorStep = step, CriticLoss = -1.5 + step, GeneratorLoss = 0.25 * step, WassersteinEstimate = 1.0 / 3 + step,
        GradientPenalty = penalty, CriticGradientNorm = 0.9, SamplesPerSecond = 12_345.678,
        RecordedAt = Start.AddSeconds(step).AddMilliseconds(123),
    };

    private static Dictionary<string, float> Scalars(Event e) => e.Summary.Value.ToDictionary(v => v.Tag, v => v.SimpleValue);

    [Fact]
    public void Records_AreFramedWithMaskedCastagnoliCrcs()
    {
        using var output = new MemoryStream();

        new TfRecordWriter(output).Write("123456789"u8);

        var file = output.ToArray();
        Assert.Equal(8 + 4 + 9 + 4, file.Length);
        Assert.Equal(9UL, BitConverter.ToUInt64(file, 0));
        // CRC-32C's published check value for "123456789"; the IEEE CRC-32 would be cbf43926.
        Assert.Equal(TfRecordFile.Masked(0xe3069283), BitConverter.ToUInt32(file, 21));
        Assert.Equal("123456789"u8.ToArray(), Assert.Single(TfRecordFile.ReadRecords(file)));
    }

    [Fact]
    public void ARecord_IsByteForByteWhatTorchSharpsSummaryWriterWrites()
    {
        var logDir = Directory.CreateTempSubdirectory("wgan-tb-").FullName;
        try
        {
            var writer = TorchSharp.torch.utils.tensorboard.SummaryWriter(logDir);
            writer.add_scalar("Loss/critic", -0.75f, 42, walltime: 1_790_000_000);
            var theirs = File.ReadAllBytes(Assert.Single(Directory.GetFiles(logDir)));
            var summary = new Summary();
            summary.Value.Add(new Summary.Types.Value { Tag = "Loss/critic", SimpleValue = -0.75f });
            using var ours = new MemoryStream();

            new TfRecordWriter(ours).Write(
                Google.Protobuf.MessageExtensions.ToByteArray(new Event { Step = 42, WallTime = 1_790_000_000, Summary = summary }));

            // TorchSharp's file starts with its own file-version record (wall time "now"); the scalar follows it.
            var versionLength = 12 + TfRecordFile.ReadRecords(theirs)[0].Length + 4;
            Assert.Equal(theirs[versionLength..], ours.ToArray());
        }
        finally
        {
            Directory.Delete(logDir, recursive: true);
        }
    }

    [Fact]
    public void RowsWrittenAsEvents_ReadBack_WithTheirStepsTimesAndValues()
    {
        var png = Png(30, 20, SKColorType.Gray8, SKAlphaType.Opaque);
        var evaluation = new JobEvaluation
        {
            GeneratorStep = 10, SlicedWasserstein = 0.0312, SlicedWassersteinFloor = 0.004, ModesCovered = 7, Modes = 8,
            HighQualityRatio = 0.91, WassersteinEstimate = 0.2, RecordedAt = Start.AddMinutes(5),
        };
        using var output = new MemoryStream();
        var file = new TensorBoardEventFile(output);

        file.WriteFileVersion(Start);
        file.WriteMetric(Metric(5, penalty: 0.01));
        file.WriteMetric(Metric(10, penalty: null));
        file.WriteEvaluation(evaluation);
        Assert.True(file.WriteSamples(10, evaluation.RecordedAt, png));

        var events = TfRecordFile.ReadEvents(output.ToArray());
        Assert.Equal(5, events.Count);
        Assert.Equal(("brain.Event:2", UnixSeconds(Start)), (events[0].FileVersion, events[0].WallTime));

        var withPenalty = Metric(5, 0.01);
        Assert.Equal((5L, UnixSeconds(withPenalty.RecordedAt)), (events[1].Step, events[1].WallTime));
        Assert.Equal(new Dictionary<string, float>
        {
            ["Loss/critic"] = (float)withPenalty.CriticLoss, ["Loss/generator"] = (float)withPenalty.GeneratorLoss,
            ["Wasserstein/estimate"] = (float)withPenalty.WassersteinEstimate, ["Loss/gradient_penalty"] = 0.01f,
            ["Critic/gradient_norm"] = 0.9f, ["Throughput/samples_per_second"] = 12_345.678f,
        }, Scalars(events[1]));
        Assert.Equal(10L, events[2].Step);
        Assert.DoesNotContain("Loss/gradient_penalty", Scalars(events[2]).Keys);
        Assert.Equal(6 - 1, events[2].Summary.Value.Count);

        Assert.Equal((10L, UnixSeconds(evaluation.RecordedAt)), (events[3].Step, events[3].WallTime));
        Assert.Equal(new Dictionary<string, float>
        {
            ["Evaluation/swd"] = 0.0312f, ["Evaluation/swd_floor"] = 0.004f,
            ["Evaluation/modes_covered"] = 7f, ["Evaluation/high_quality_ratio"] = 0.91f,
        }, Scalars(events[3]));

        Assert.Equal((10L, UnixSeconds(evaluation.RecordedAt)), (events[4].Step, events[4].WallTime));
        var image = Assert.Single(events[4].Summary.Value);
        Assert.Equal("Samples", image.Tag);
        Assert.Equal((30, 20, 1), (image.Image.Width, image.Image.Height, image.Image.Colorspace));
        Assert.Equal(png, image.Image.EncodedImageString.ToByteArray());
    }

    [Fact]
    public void EvaluationOfADatasetWithoutModes_HasOnlyTheDistances()
    {
        using var output = new MemoryStream();

        new TensorBoardEventFile(output).WriteEvaluation(
            new JobEvaluation { GeneratorStep = 0, SlicedWasserstein = 0.5, SlicedWassersteinFloor = 0.1, RecordedAt = Start });

        var e = Assert.Single(TfRecordFile.ReadEvents(output.ToArray()));
        Assert.Equal(["Evaluation/swd", "Evaluation/swd_floor"], Scalars(e).Keys);
        Assert.Equal(0L, e.Step);
    }

    [Fact]
    public void EvaluationOfALabelledImageSet_HasTheFrechetFigures()
    {
        using var output = new MemoryStream();

        new TensorBoardEventFile(output).WriteEvaluation(new JobEvaluation
        {
            GeneratorStep = 4, SlicedWasserstein = 0.5, SlicedWassersteinFloor = 0.1, RecordedAt = Start,
            FrechetDistance = 42.5, FrechetDistanceFloor = 1.25, ClassesCovered = 9, ConfidentShare = 0.75,
        });

        var e = Assert.Single(TfRecordFile.ReadEvents(output.ToArray()));
        Assert.Equal(new Dictionary<string, float>
        {
            ["Evaluation/swd"] = 0.5f, ["Evaluation/swd_floor"] = 0.1f, ["Evaluation/fd"] = 42.5f, ["Evaluation/fd_floor"] = 1.25f,
            ["Evaluation/classes_covered"] = 9f, ["Evaluation/confident_share"] = 0.75f,
        }, Scalars(e));
    }

    [Theory]
    [InlineData(SKColorType.Rgba8888, SKAlphaType.Opaque, 3)]
    [InlineData(SKColorType.Rgba8888, SKAlphaType.Unpremul, 4)]
    public void PictureColorspace_FollowsThePng(SKColorType colorType, SKAlphaType alphaType, int colorspace)
    {
        var image = PngImageSummary.From(Png(3, 2, colorType, alphaType))!;

        Assert.Equal((3, 2, colorspace), (image.Width, image.Height, image.Colorspace));
    }

    [Fact]
    public void BytesThatAreNoPng_AreLeftOut()
    {
        using var output = new MemoryStream();

        Assert.False(new TensorBoardEventFile(output).WriteSamples(1, Start, [1, 2, 3, 4]));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void TheTestReader_RejectsAFlippedByte()
    {
        using var output = new MemoryStream();
        var file = new TensorBoardEventFile(output);
        file.WriteFileVersion(Start);
        file.WriteMetric(Metric(5, penalty: 0.01));
        var bytes = output.ToArray();

        foreach (var at in new[] { 3, 14, bytes.Length - 10, bytes.Length - 1 })
        {
            var damaged = (byte[])bytes.Clone();
            damaged[at] ^= 0x10;
            Assert.ThrowsAny<Exception>(() => TfRecordFile.ReadRecords(damaged));
        }
    }
}
