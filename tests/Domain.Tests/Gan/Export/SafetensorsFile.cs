using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace WganService.Domain.Tests.Gan.Export;

/// <summary>
/// A minimal safetensors reader for tests, written from the format's description rather than from
/// SafetensorsWriter, so the two check each other. Also compiled into the Api tests.
/// </summary>
internal sealed class SafetensorsFile
{
    private SafetensorsFile(long headerLength, string header, IReadOnlyList<string> keys, Dictionary<string, string> metadata,
        List<SafetensorsEntry> entries, byte[] data)
    {
        (HeaderLength, Header, Keys, Metadata, Entries, Data) = (headerLength, header, keys, metadata, entries, data);
    }

    /// <summary>N: the little-endian length of the JSON header that follows the first 8 bytes.</summary>
    public long HeaderLength { get; }

    /// <summary>The header's text, padding included.</summary>
    public string Header { get; }

    /// <summary>The header's top-level keys in file order, "__metadata__" included.</summary>
    public IReadOnlyList<string> Keys { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Tensors in header order.</summary>
    public IReadOnlyList<SafetensorsEntry> Entries { get; }

    /// <summary>The byte buffer after the header, which data_offsets index.</summary>
    public byte[] Data { get; }

    public static SafetensorsFile Parse(byte[] file)
    {
        var headerLength = checked((long)BinaryPrimitives.ReadUInt64LittleEndian(file));
        var header = Encoding.UTF8.GetString(file, 8, checked((int)headerLength));
        using var json = JsonDocument.Parse(header);
        var keys = new List<string>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<SafetensorsEntry>();
        foreach (var property in json.RootElement.EnumerateObject())
        {
            keys.Add(property.Name);
            if (property.Name == "__metadata__")
            {
                foreach (var item in property.Value.EnumerateObject()) metadata[item.Name] = item.Value.GetString()!;
                continue;
            }
            var offsets = property.Value.GetProperty("data_offsets");
            entries.Add(new SafetensorsEntry(property.Name, property.Value.GetProperty("dtype").GetString()!,
                [.. property.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64())],
                offsets[0].GetInt64(), offsets[1].GetInt64()));
        }
        return new SafetensorsFile(headerLength, header, keys, metadata, entries, file[(int)(8 + headerLength)..]);
    }

    public SafetensorsEntry Entry(string name) => Entries.Single(e => e.Name == name);

    public byte[] Bytes(SafetensorsEntry entry) => Data[(int)entry.Begin..(int)entry.End];

    /// <summary>The entry as a CPU tensor (F32 or I64, the two dtypes a generator's state_dict holds).</summary>
    public Tensor ToTensor(SafetensorsEntry entry) => entry.Dtype switch
    {
        "F32" => tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Bytes(entry)).ToArray(), entry.Shape),
        "I64" => tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(Bytes(entry)).ToArray(), entry.Shape),
        _ => throw new NotSupportedException(entry.Dtype),
    };

    /// <summary>Every tensor by name, ready for <c>load_state_dict</c>.</summary>
    public Dictionary<string, Tensor> ToStateDict() => Entries.ToDictionary(e => e.Name, ToTensor, StringComparer.Ordinal);
}

internal sealed record SafetensorsEntry(string Name, string Dtype, long[] Shape, long Begin, long End);
