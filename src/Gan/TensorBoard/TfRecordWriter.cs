using System.Buffers.Binary;
using System.IO.Hashing;

namespace WganService.Gan.TensorBoard;

/// <summary>
/// TFRecord framing, the container of TensorBoard event files: per record a little-endian uint64
/// length, the masked CRC-32C of those 8 bytes, the data, the masked CRC-32C of the data.
/// </summary>
/// <remarks>
/// TorchSharp's SummaryWriter frames records the same way but only into files it names itself, with
/// the wall time "now"; this writer takes any stream, so a file can be rebuilt from stored rows.
/// </remarks>
public sealed class TfRecordWriter(Stream output)
{
    /// <summary>TensorFlow's constant: masking keeps a CRC stored inside data from being CRC'd into a trivial value.</summary>
    private const uint MaskDelta = 0xa282ead8;

    public void Write(ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], MaskedCrc32C(header[..8]));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, MaskedCrc32C(data));
        output.Write(header);
        output.Write(data);
        output.Write(footer);
    }

    public static uint MaskedCrc32C(ReadOnlySpan<byte> data)
    {
        var crc = Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data);
        return ((crc >> 15) | (crc << 17)) + MaskDelta;
    }
}
