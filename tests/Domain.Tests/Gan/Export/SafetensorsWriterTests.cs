using System.Text;
using System.Text.Json;
using WganService.Gan;
using WganService.Gan.Export;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Export;

public class SafetensorsWriterTests
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    /// <summary>A 28×28 generator after one training-mode pass, so the BatchNorm buffers are not their initial values.</summary>
    private static DcganGenerator UsedGenerator()
    {
        var generator = new DcganGenerator(8, 1, 28);
        using var scope = NewDisposeScope();
        generator.train();
        generator.call(randn(4, 8));
        return generator;
    }

    [Fact]
    public void Write_ReadsBackAsTheModulesStateDict_ParametersAndBuffers()
    {
        using var generator = UsedGenerator();
        var state = generator.state_dict();

        var file = SafetensorsFile.Parse(SafetensorsWriter.Write(state, NoMetadata));

        Assert.Equal(state.Keys.Order(StringComparer.Ordinal), file.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        foreach (var entry in file.Entries)
        {
            var expected = state[entry.Name];
            Assert.Equal(expected.dtype == ScalarType.Int64 ? "I64" : "F32", entry.Dtype);
            Assert.Equal(expected.shape, entry.Shape);
            Assert.Equal(expected.contiguous().bytes.ToArray(), file.Bytes(entry));
        }
        Assert.Equal("I64", file.Entry("conv.0.num_batches_tracked").Dtype);
        Assert.Equal(1L, file.ToTensor(file.Entry("conv.0.num_batches_tracked")).item<long>());
        Assert.NotEqual(0f, file.ToTensor(file.Entry("conv.2.running_mean")).abs().sum().item<float>());
    }

    [Fact]
    public void Write_LaysOutDataContiguously_AlignedByElementSize_WithAPaddedHeader()
    {
        using var generator = UsedGenerator();

        var bytes = SafetensorsWriter.Write(generator.state_dict(), new Dictionary<string, string> { ["format"] = "pt" });
        var file = SafetensorsFile.Parse(bytes);

        Assert.Equal(0, file.HeaderLength % 8);
        Assert.StartsWith("{", file.Header, StringComparison.Ordinal);
        Assert.EndsWith("}", file.Header.TrimEnd(' '), StringComparison.Ordinal); // Only spaces pad it.
        Assert.Equal(0L, file.Entries[0].Begin);
        for (var i = 1; i < file.Entries.Count; i++) Assert.Equal(file.Entries[i - 1].End, file.Entries[i].Begin);
        Assert.Equal(file.Data.Length, file.Entries[^1].End);
        Assert.Equal(bytes.Length, 8 + file.HeaderLength + file.Data.Length);
        // 8-byte integers first, then 4-byte floats, each group by name: every tensor starts aligned.
        Assert.Equal(file.Entries.OrderBy(e => e.Dtype == "I64" ? 0 : 1).ThenBy(e => e.Name, StringComparer.Ordinal), file.Entries);
        Assert.All(file.Entries, e => Assert.Equal(0, e.Begin % (e.Dtype == "I64" ? 8 : 4)));
    }

    [Fact]
    public void Write_PutsStringMetadataFirst()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor> { ["b"] = ones(2, 3), ["a"] = tensor(new[] { 1.5f }) };
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["generator"] = "{\"latentDim\":2}" };

        var file = SafetensorsFile.Parse(SafetensorsWriter.Write(tensors, metadata));

        Assert.Equal(["__metadata__", "a", "b"], file.Keys);
        Assert.Equal(metadata, file.Metadata);
        Assert.Equal(
            JsonValueKind.String,
            JsonDocument.Parse(file.Header).RootElement.GetProperty("__metadata__").GetProperty("generator").ValueKind);
        Assert.Equal(BitConverter.GetBytes(1.5f), file.Bytes(file.Entry("a")));
        Assert.Equal([2L, 3L], file.Entry("b").Shape);
    }

    [Fact]
    public void Write_WithoutMetadata_HasNoMetadataKey_AndAScalarHasAnEmptyShape()
    {
        using var scope = NewDisposeScope();

        var bytes = SafetensorsWriter.Write(new Dictionary<string, Tensor> { ["steps"] = tensor(7L) }, NoMetadata);
        var file = SafetensorsFile.Parse(bytes);

        Assert.DoesNotContain("__metadata__", file.Header, StringComparison.Ordinal);
        Assert.Equal(("I64", 0L, 8L), (file.Entries[0].Dtype, file.Entries[0].Begin, file.Entries[0].End));
        Assert.Empty(file.Entries[0].Shape);
        Assert.Equal(BitConverter.GetBytes(7L), file.Data);
        Assert.Equal(
            "{\"steps\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}}",
            Encoding.UTF8.GetString(bytes, 8, (int)file.HeaderLength).TrimEnd(' '));
    }

    [Fact]
    public void Write_RejectsADtypeSafetensorsCannotName()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor> { ["z"] = zeros(2, dtype: ScalarType.ComplexFloat32) };

        Assert.Throws<NotSupportedException>(() => SafetensorsWriter.Write(tensors, NoMetadata));
    }
}
