using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Unicode;

namespace WganService.Gan.Datasets.Readers;

/// <summary>
/// Turns an uploaded file into a dataset. The content decides the format, never the file name:
/// names lie (a .csv saved as .txt, an IDX without its .gz), magic bytes don't.
/// </summary>
public static class DatasetReader
{
    private const string Unrecognised =
        "Unrecognised content: expected an IDX file (raw or gzip), a NumPy .npy array, a CSV of numbers, or a ZIP of PNG/JPEG images.";

    // Text is UTF-8 with no control characters but tab, CR and LF; any other one means binary.
    private static readonly SearchValues<byte> BinaryBytes = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(b => b is not ('\t' or '\n' or '\r')).Select(b => (byte)b), 0x7F]);

    private static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];

    /// <param name="content">Read once, to the end or to <paramref name="maxBytes"/>; its Length is not used.</param>
    /// <param name="maxBytes">Limit on the upload and on what it decompresses to.</param>
    /// <param name="maxSamples">Limit on the number of samples.</param>
    /// <exception cref="DatasetFormatException">The content is malformed or not a supported format.</exception>
    /// <exception cref="DatasetTooLargeException">The content, or what it inflates to, is over <paramref name="maxBytes"/>.</exception>
    public static ParsedDataset Read(Stream content, long maxBytes, int maxSamples)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSamples);

        var bytes = BoundedRead.ReadAll(content, maxBytes, () =>
            new DatasetTooLargeException($"The upload is larger than the limit of {maxBytes} bytes.", maxBytes));
        return Read(bytes, maxBytes, maxSamples);
    }

    /// <summary>The same, for content already in memory (the Api reads uploads off the wire itself, within the limit).</summary>
    public static ParsedDataset Read(ArraySegment<byte> bytes, long maxBytes, int maxSamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSamples);
        if (bytes.Count > maxBytes)
            throw new DatasetTooLargeException($"The upload is larger than the limit of {maxBytes} bytes.", maxBytes);
        var data = bytes.AsSpan();
        if (data.IsEmpty) throw new DatasetFormatException("The upload is empty.");

        if (data.StartsWith(GzipMagic)) return ReadGzip(bytes, maxBytes, maxSamples);
        if (IdxReader.LooksLikeIdx(data)) return IdxReader.Read(data, maxBytes, maxSamples, "idx");
        if (NpyReader.LooksLikeNpy(data)) return NpyReader.Read(data, maxBytes, maxSamples);
        if (ImageZipReader.LooksLikeZip(data)) return ImageZipReader.Read(bytes, maxBytes, maxSamples);
        if (!data.ContainsAny(BinaryBytes)) return CsvDatasetReader.Read(DecodeUtf8(data), maxSamples);
        throw new DatasetFormatException(Unrecognised);
    }

    /// <summary>MNIST is distributed as .gz files; a gzip of anything else is refused rather than sniffed again.</summary>
    private static ParsedDataset ReadGzip(ArraySegment<byte> compressed, long maxBytes, int maxSamples)
    {
        ArraySegment<byte> inflated;
        try
        {
            using var gzip = new GZipStream(
                new MemoryStream(compressed.Array!, compressed.Offset, compressed.Count, writable: false), CompressionMode.Decompress);
            inflated = BoundedRead.ReadAll(gzip, maxBytes, () =>
                new DatasetTooLargeException($"The gzip content inflates to more than the limit of {maxBytes} bytes.", maxBytes));
        }
        catch (InvalidDataException ex)
        {
            throw new DatasetFormatException($"gzip: the compressed data is corrupt: {ex.Message}");
        }
        if (!IdxReader.LooksLikeIdx(inflated))
            throw new DatasetFormatException(
                "gzip: the content is not an IDX file; only IDX files (e.g. train-images-idx3-ubyte.gz) may be gzip-compressed.");
        return IdxReader.Read(inflated, maxBytes, maxSamples, "idx.gz");
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> data)
    {
        if (!Utf8.IsValid(data))
        {
            var chars = new char[data.Length];
            Utf8.ToUtf16(data, chars, out var validBytes, out _, replaceInvalidSequences: false);
            throw new DatasetFormatException($"CSV: the text is not valid UTF-8 at byte offset {validBytes}; save it as UTF-8.");
        }
        var text = Encoding.UTF8.GetString(data);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }
}
