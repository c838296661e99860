using System.Buffers.Binary;
using Tensorboard;

namespace WganService.Domain.Tests.TensorBoard;

/// <summary>
/// A test-side TFRecord reader, written apart from the service's writer: it checks both CRCs of every
/// record with TorchSharp's CRC-32C (native code, not the writer's System.IO.Hashing) and fails on any
/// byte out of place, then parses each record as a TensorBoard Event.
/// </summary>
public static class TfRecordFile
{
    public static List<byte[]> ReadRecords(byte[] file)
    {
        var records = new List<byte[]>();
        for (var offset = 0; offset < file.Length;)
        {
            if (file.Length - offset < 12) throw new InvalidDataException($"Truncated record header at byte {offset}.");
            var lengthBytes = file[offset..(offset + 8)];
            Check(lengthBytes, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8)), $"length CRC at byte {offset}");
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes));
            var start = offset + 12;
            if (file.Length - start < length + 4L) throw new InvalidDataException($"Truncated record at byte {offset}.");
            var data = file[start..(start + length)];
            Check(data, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(start + length)), $"data CRC at byte {offset}");
            records.Add(data);
            offset = start + length + 4;
        }
        return records;
    }

    public static List<Event> ReadEvents(byte[] file) => ReadRecords(file).ConvertAll(r => Event.Parser.ParseFrom(r));

    /// <summary>TensorFlow's masking (crc32c.h): rotate right by 15 bits and add a constant.</summary>
    public static uint Masked(uint crc) => ((crc >> 15) | (crc << 17)) + 0xa282ead8;

    private static void Check(byte[] data, uint stored, string what)
    {
        var expected = Masked(TorchSharp.Utils.CRC32C.process(data));
        if (stored != expected) throw new InvalidDataException($"Bad {what}: stored {stored:x8}, computed {expected:x8}.");
    }
}
