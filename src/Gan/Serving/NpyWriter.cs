using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using WganService.Gan.Datasets.Readers;

namespace WganService.Gan.Serving;

/// <summary>
/// Writes float32 arrays (dtype &lt;f4) in NumPy's .npy format (version 1.0), which <c>numpy.load</c> reads as is:
/// the magic, a little-endian header length, a dict literal naming dtype, order and shape, padded with
/// spaces and a newline so the data starts on a 64-byte boundary, then the values in C order.
/// </summary>
public static class NpyWriter
{
    public static byte[] Write(ReadOnlySpan<float> values, IReadOnlyList<int> shape)
    {
        var expected = shape.Aggregate(1L, (n, d) => n * d);
        if (expected != values.Length)
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] holds {expected} values, not {values.Length}.", nameof(shape));

        // A one-dimensional shape is written "(n,)": "(n)" would be an int, not a tuple, to Python.
        var dims = shape.Count == 1 ? $"{shape[0]}," : string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        var dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        const int preamble = 10; // Magic (6), version (2), header length (2).
        var padded = (preamble + dict.Length + 1 + 63) / 64 * 64;
        var header = dict.PadRight(padded - preamble - 1) + "\n";

        var bytes = new byte[padded + (values.Length * sizeof(float))];
        NpyHeader.Magic.CopyTo(bytes);
        (bytes[6], bytes[7]) = (1, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        Encoding.Latin1.GetBytes(header, bytes.AsSpan(preamble));
        var data = MemoryMarshal.AsBytes(values);
        if (BitConverter.IsLittleEndian) data.CopyTo(bytes.AsSpan(padded));
        else for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(padded + (i * 4)), values[i]);
        return bytes;
    }
}
