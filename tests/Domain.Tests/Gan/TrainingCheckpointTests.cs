using WganService.Domain.Datasets;
using WganService.Gan;
using WganService.Domain.Jobs;
using WganService.Gan.Datasets;

namespace WganService.Domain.Tests.Gan;

public class TrainingCheckpointTests
{
    [Theory]
    [InlineData(GanVariant.WganGp)] // Adam state, penalty draws from the generator
    [InlineData(GanVariant.Wgan)]   // RMSprop state, weight clipping
    public void ResumeFromCheckpoint_ReplaysTheSameSteps(GanVariant variant)
    {
        var spec = new HyperparameterSpec { Seed = 5, BatchSize = 32 };
        var (a, randomA) = TrainingHarness.Create(ToyDataset.EightGaussians, variant, spec);
        using var _ = a;
        using var __ = randomA;
        for (var i = 0; i < 3; i++) a.Step();
        var checkpoint = a.SaveCheckpoint();
        var expected = Enumerable.Range(0, 3).Select(_ => a.Step()).ToArray();

        // Fresh networks and a fresh generator: only the checkpoint carries the run's state.
        var (b, randomB) = TrainingHarness.Create(ToyDataset.EightGaussians, variant, spec);
        using var ___ = b;
        using var ____ = randomB;
        b.RestoreCheckpoint(checkpoint);
        Assert.Equal(3, b.GeneratorStep);
        var actual = Enumerable.Range(0, 3).Select(_ => b.Step()).ToArray();

        // Whole records: step numbers, losses, W estimate, penalty and gradient norm, bit for bit.
        Assert.Equal(expected, actual);
        Assert.Equal([4, 5, 6], actual.Select(m => m.GeneratorStep));
        Assert.Equal(6, b.GeneratorStep);
    }

    [Fact]
    public void ResumeWithEma_GivesTheSameAverage_AndCarriesTheTrainingTime()
    {
        var spec = new HyperparameterSpec { Seed = 5, BatchSize = 32, GeneratorEma = 0.9 };
        var (a, randomA) = TrainingHarness.Create(ToyDataset.EightGaussians, GanVariant.WganGp, spec);
        using var _ = a;
        using var __ = randomA;
        for (var i = 0; i < 4; i++) a.Step();
        var checkpoint = a.SaveCheckpoint(TimeSpan.FromMinutes(7));
        var atCheckpoint = Weights(a.ServedGenerator);
        for (var i = 0; i < 3; i++) a.Step();

        var (b, randomB) = TrainingHarness.Create(ToyDataset.EightGaussians, GanVariant.WganGp, spec);
        using var ___ = b;
        using var ____ = randomB;
        Assert.NotEqual(atCheckpoint, Weights(b.ServedGenerator));
        Assert.Equal(TimeSpan.FromMinutes(7), b.RestoreCheckpoint(checkpoint).TrainingTime);
        Assert.Equal(atCheckpoint, Weights(b.ServedGenerator));
        Assert.Equal(4, b.Ema!.Updates);
        for (var i = 0; i < 3; i++) b.Step();

        // Bit for bit: the average, its warm-up position, and the raw generator behind it.
        Assert.Equal(Weights(a.ServedGenerator), Weights(b.ServedGenerator));
        Assert.Equal(Weights(a.Generator), Weights(b.Generator));
        Assert.Equal(7, b.Ema.Updates);
    }

    [Fact]
    public void Version1Checkpoint_StillRestores_WithNoTimeUsed_AndTheAverageStartingFromTheGenerator()
    {
        var spec = new HyperparameterSpec { Seed = 5, BatchSize = 32, GeneratorEma = 0.9 };
        var (a, randomA) = TrainingHarness.Create(ToyDataset.EightGaussians, GanVariant.WganGp, spec);
        using var _ = a;
        using var __ = randomA;
        for (var i = 0; i < 2; i++) a.Step();
        var c = TrainingCheckpoint.Read(a.SaveCheckpoint(TimeSpan.FromMinutes(3)));
        // The layout version 1 wrote: header, then the five sections, nothing after them.
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write("WGANCKPT"u8.ToArray());
            writer.Write(1);
            writer.Write(c.GeneratorStep);
            foreach (var section in new[] { c.Generator, c.Critic, c.GeneratorOptimizer, c.CriticOptimizer, c.RandomState })
            {
                writer.Write(section.Length);
                writer.Write(section);
            }
        }

        var (b, randomB) = TrainingHarness.Create(ToyDataset.EightGaussians, GanVariant.WganGp, spec);
        using var ___ = b;
        using var ____ = randomB;
        Assert.Equal(TimeSpan.Zero, b.RestoreCheckpoint(stream.ToArray()).TrainingTime);
        Assert.Equal(2, b.GeneratorStep);
        Assert.Equal(Weights(a.Generator), Weights(b.ServedGenerator));
        Assert.Equal(0, b.Ema!.Updates);
    }

    private static float[] Weights(TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> module) =>
        [.. module.parameters().SelectMany(p => p.data<float>().ToArray())];

    [Fact]
    public void ReadHeader_GivesVersionAndStep_WithoutRestoring()
    {
        var blob = new TrainingCheckpoint(42, [1], [2, 3], [], [4], [5, 6, 7], [8, 9], 17, TimeSpan.FromSeconds(90), [10, 11]).ToBytes();

        Assert.Equal((TrainingCheckpoint.CurrentVersion, 42), TrainingCheckpoint.ReadHeader(blob));
        var read = TrainingCheckpoint.Read(blob);
        Assert.Equal(42, read.GeneratorStep);
        Assert.Equal([2, 3], read.Critic);
        Assert.Equal([5, 6, 7], read.RandomState);
        Assert.Equal([8, 9], read.GeneratorEma);
        Assert.Equal((17L, TimeSpan.FromSeconds(90)), (read.EmaUpdates, read.TrainingTime));
        Assert.Equal([10, 11], read.RunningMeans);
    }

    [Fact]
    public void Read_Throws_OnWrongMagic()
    {
        var blob = Blob();
        blob[0] = (byte)'X';

        var e = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Read(blob));
        Assert.Contains("magic", e.Message);
        Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.ReadHeader(blob));
    }

    [Fact]
    public void Read_Throws_OnUnknownVersion()
    {
        var blob = Blob();
        BitConverter.TryWriteBytes(blob.AsSpan(8, 4), TrainingCheckpoint.CurrentVersion + 1);

        var e = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Read(blob));
        Assert.Contains($"version {TrainingCheckpoint.CurrentVersion + 1}", e.Message);
    }

    [Theory]
    [InlineData(10)] // inside the header
    [InlineData(20)] // inside a section
    public void Read_Throws_OnTruncatedBlob(int keep)
    {
        var blob = Blob()[..keep];

        var e = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Read(blob));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Restore_RejectsAGarbageBlob_BeforeTouchingTheTrainer()
    {
        var (trainer, random) = TrainingHarness.Create(
            ToyDataset.EightGaussians, GanVariant.WganGp, new HyperparameterSpec { Seed = 1, BatchSize = 32 });
        using var _ = trainer;
        using var __ = random;

        Assert.Throws<InvalidDataException>(() => trainer.RestoreCheckpoint([1, 2, 3]));
        Assert.Equal(0, trainer.GeneratorStep);
    }

    private static byte[] Blob() =>
        new TrainingCheckpoint(7, [1, 2, 3, 4, 5, 6, 7, 8], [9], [10], [11], [12], [], 0, TimeSpan.Zero).ToBytes();
}
