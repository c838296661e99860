using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace WganService.Gan.Datasets.Readers;

/// <summary>
/// Class labels uploaded beside a dataset, one per sample: an IDX1 file (raw or gzip, as MNIST ships
/// *-labels-idx1-ubyte), a 1-dimensional .npy array of integers, or text with one integer per line.
/// As with the data, the content decides the format. A label is a class index from 0 to
/// <see cref="MaxLabel"/>: 256 classes are more than any set a 28–64 pixel GAN is trained on
/// (CIFAR-100 has 100), and one byte per label keeps them small in the database.
/// </summary>
public static class LabelReader
{
    public const int MaxLabel = 255;

    private static readonly string Range = $"must be a class index from 0 to {MaxLabel} (at most {MaxLabel + 1} classes)";

    /// <exception cref="DatasetFormatException">
    /// Malformed, or a label that is not a class index; the message says which and where.
    /// </exception>
    public static byte[] Read(ArraySegment<byte> bytes, long maxBytes)
    {
        var data = bytes.AsSpan();
        if (data.IsEmpty) throw new DatasetFormatException("The labels file is empty.");
        if (data is [0x1F, 0x8B, ..]) return ReadIdx(Inflate(bytes, maxBytes), "gzip: ");
        if (IdxReader.LooksLikeIdx(data)) return ReadIdx(data, "");
        if (NpyReader.LooksLikeNpy(data)) return ReadNpy(data);
        return ReadText(data);
    }

    private static byte[] Inflate(ArraySegment<byte> compressed, long maxBytes)
    {
        try
        {
            using var gzip = new GZipStream(
                new MemoryStream(compressed.Array!, compressed.Offset, compressed.Count, writable: false), CompressionMode.Decompress);
            return BoundedRead.ReadAll(gzip, maxBytes, () =>
                new DatasetTooLargeException(
                    $"The labels' gzip content inflates to more than the limit of {maxBytes} bytes.", maxBytes)).ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new DatasetFormatException($"gzip: the compressed labels are corrupt: {ex.Message}");
        }
    }

    private static byte[] ReadIdx(ReadOnlySpan<byte> data, string where)
    {
        if (!IdxReader.LooksLikeIdx(data)) throw new DatasetFormatException($"{where}the content is not an IDX labels file.");
        if (data[3] != 1)
            throw new DatasetFormatException($"{where}IDX: byte 3 declares {data[3]} dimensions; a labels file has 1 (N labels).");
        if (data.Length < 8)
            throw new DatasetFormatException($"{where}IDX: the file ends after {data.Length} bytes, inside the 8-byte header (truncated).");
        var count = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        var body = data[8..];
        var size = data[2] switch
        {
            0x08 => 1,
            0x0C => 4,
            _ => throw new DatasetFormatException(
                $"{where}IDX: byte 2 declares element type 0x{data[2]:X2}; labels must be 0x08 (unsigned byte) or 0x0C (int32)."),
        };
        if ((long)count * size != body.Length)
            throw new DatasetFormatException(
                $"{where}IDX: the header declares {count} labels = {(long)count * size} bytes, but {body.Length} follow the header.");
        var labels = new long[count];
        for (var i = 0; i < labels.Length; i++) labels[i] = size == 1 ? body[i] : BinaryPrimitives.ReadInt32BigEndian(body[(4 * i)..]);
        return ToClasses(labels, i => $"{where}IDX: label {i}");
    }

    private static byte[] ReadNpy(ReadOnlySpan<byte> data)
    {
        var header = NpyHeader.Parse(data);
        var size = header.Descr switch
        {
            "|u1" or "<u1" or "u1" or "|i1" or "<i1" or "i1" => 1,
            "<i2" or "<u2" => 2,
            "<i4" or "<u4" => 4,
            "<i8" or "<u8" => 8,
            _ => throw new DatasetFormatException(
                $".npy labels: dtype '{header.Descr}' is not an integer type; " +
                "save the labels as integers (e.g. labels.astype('int64')), little-endian."),
        };
        if (header.Shape.Length != 1 && !(header.Shape.Length == 2 && header.Shape[1] == 1))
            throw new DatasetFormatException(
                $".npy labels: shape ({string.Join(", ", header.Shape)}) must be (N,) or (N, 1): one label per sample.");
        var body = data[header.DataOffset..];
        var count = header.Shape[0];
        if (count * size != body.Length)
            throw new DatasetFormatException(
                $".npy labels: shape ({count},) of '{header.Descr}' needs {count * size} bytes of data, but the file has {body.Length}.");
        var signed = header.Descr.Contains('i');
        var labels = new long[count];
        for (var i = 0; i < labels.Length; i++)
        {
            var item = body.Slice(i * size, size);
            labels[i] = (size, signed) switch
            {
                (1, false) => item[0],
                (1, true) => (sbyte)item[0],
                (2, _) => signed ? BinaryPrimitives.ReadInt16LittleEndian(item) : BinaryPrimitives.ReadUInt16LittleEndian(item),
                (4, _) => signed ? BinaryPrimitives.ReadInt32LittleEndian(item) : BinaryPrimitives.ReadUInt32LittleEndian(item),
                _ => signed
                    ? BinaryPrimitives.ReadInt64LittleEndian(item)
                    : (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(item), long.MaxValue),
            };
        }
        return ToClasses(labels, i => $".npy labels: element {i}");
    }

    /// <summary>One integer per line; blank lines are skipped, line numbers are the file's own.</summary>
    private static byte[] ReadText(ReadOnlySpan<byte> data)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data);
        }
        catch (DecoderFallbackException)
        {
            throw new DatasetFormatException(
                "Unrecognised labels: expected an IDX1 file (raw or gzip), a .npy array of integers, or text with one integer per line.");
        }
        var labels = new List<byte>();
        var line = 0;
        foreach (var raw in text.TrimStart('\uFEFF').AsSpan().EnumerateLines())
        {
            line++;
            var cell = raw.Trim();
            if (cell.IsEmpty) continue;
            if (!long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var label))
            {
                var shown = cell.Length <= 40 ? cell.ToString() : $"{cell[..40]}…";
                throw new DatasetFormatException(
                    $"CSV labels: line {line}: '{shown}' is not an integer; put one integer class label on each line.");
            }
            labels.Add(ToClass(label, $"CSV labels: line {line}"));
        }
        return labels.Count > 0 ? [.. labels] : throw new DatasetFormatException("CSV labels: the text has no labels.");
    }

    private static byte[] ToClasses(long[] labels, Func<int, string> where)
    {
        var classes = new byte[labels.Length];
        for (var i = 0; i < labels.Length; i++) classes[i] = ToClass(labels[i], where(i));
        return classes;
    }

    private static byte ToClass(long label, string where) =>
        label is >= 0 and <= MaxLabel ? (byte)label
            : throw new DatasetFormatException($"{where} is {label}; a label {Range}{(label < 0 ? ": labels are never negative" : "")}.");
}
