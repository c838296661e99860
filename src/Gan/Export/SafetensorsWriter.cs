using System.Buffers.Binary;
using System.Text.Json;
using static TorchSharp.torch;

namespace WganService.Gan.Export;

/// <summary>
/// Writes named tensors in the safetensors format (https://github.com/huggingface/safetensors), which
/// PyTorch users load with <c>safetensors.torch.load_file</c>. Our own small writer because no
/// safetensors package for .NET is on this project's NuGet mirror; the format is simple enough:
/// <list type="number">
/// <item>8 bytes: N, the header's length in bytes, unsigned little-endian;</item>
/// <item>N bytes: a UTF-8 JSON object mapping each tensor name to
/// <c>{"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}</c> (offsets into the data that
/// follows the header), plus an optional <c>"__metadata__"</c> object whose values are all strings;
/// padded with spaces so that N is a multiple of 8;</item>
/// <item>the tensors' bytes, little-endian, row-major, back to back in the header's order, with no gaps.</item>
/// </list>
/// Like the reference writer (which sorts by dtype, then name), tensors are ordered by element size,
/// largest first, then by name, so every tensor starts at a multiple of its element size; and
/// <c>__metadata__</c> comes first.
/// </summary>
public static class SafetensorsWriter
{
    public const string MetadataKey = "__metadata__";

    public static byte[] Write(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        // The format is little-endian and the bytes are copied from memory as they are.
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors export needs a little-endian host.");
        if (tensors.ContainsKey(MetadataKey)) throw new ArgumentException($"'{MetadataKey}' is not a tensor name.", nameof(tensors));

        var entries = tensors
            .Select(t => (Name: t.Key, Tensor: t.Value, Type: SafetensorsDtype.Of(t.Value.dtype)))
            .OrderByDescending(e => e.Type.Size).ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        var header = Header(entries, metadata);
        var padding = (8 - header.Length % 8) % 8;
        var dataLength = entries.Sum(e => e.Tensor.numel() * e.Type.Size);

        var file = new byte[checked(8 + header.Length + padding + dataLength)];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)(header.Length + padding));
        header.CopyTo(file, 8);
        file.AsSpan(8 + header.Length, padding).Fill((byte)' ');
        var offset = 8 + header.Length + padding;
        using var scope = NewDisposeScope(); // The CPU copies below; the caller's tensors are left alone.
        foreach (var (_, tensor, _) in entries)
        {
            var bytes = tensor.detach().cpu().contiguous().bytes;
            bytes.CopyTo(file.AsSpan(offset));
            offset += bytes.Length;
        }
        return file;
    }

    private static byte[] Header(
        List<(string Name, Tensor Tensor, SafetensorsDtype Type)> entries, IReadOnlyDictionary<string, string> metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata.Count > 0)
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }

            long begin = 0;
            foreach (var (name, tensor, type) in entries)
            {
                var end = begin + tensor.numel() * type.Size;
                json.WriteStartObject(name);
                json.WriteString("dtype", type.Name);
                json.WriteStartArray("shape");
                foreach (var size in tensor.shape) json.WriteNumberValue(size);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(begin);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                begin = end;
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
