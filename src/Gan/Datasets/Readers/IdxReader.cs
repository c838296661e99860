using System.Buffers.Binary;

namespace WganService.Gan.Datasets.Readers;

/// <summary>
/// MNIST's IDX format: bytes 0–1 zero, byte 2 the element type, byte 3 the number of dimensions,
/// then one big-endian uint32 per dimension, then the elements (big-endian too). N×D is read as
/// vectors, N×H×W as grayscale images; the header must account for every byte that follows it.
/// </summary>
internal static class IdxReader
{
    private const byte UnsignedByte = 0x08;
    private const byte Float32 = 0x0D;

    /// <summary>The type codes the IDX format defines: the ones we refuse still get a precise message.</summary>
    public static bool LooksLikeIdx(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && data[0] == 0 && data[1] == 0 && data[2] is 0x08 or 0x09 or 0x0B or 0x0C or 0x0D or 0x0E;

    public static ParsedDataset Read(ReadOnlySpan<byte> data, long maxBytes, int maxSamples, string format)
    {
        var type = data[2];
        var elementSize = type switch
        {
            UnsignedByte => 1,
            Float32 => 4,
            _ => throw new DatasetFormatException(
                $"IDX: byte 2 declares element type 0x{type:X2} ({TypeName(type)}); " +
                "supported are 0x08 (unsigned byte) and 0x0D (float32)."),
        };
        var ndims = data[3];
        if (ndims is not (2 or 3))
        {
            var hint = ndims == 1 ? " A 1-dimensional IDX file is usually a labels file; upload the images file." : "";
            throw new DatasetFormatException(
                $"IDX: byte 3 declares {ndims} dimension(s); supported are 2 (N×D vectors) and 3 (N×H×W grayscale images).{hint}");
        }

        var headerLength = 4 + 4 * ndims;
        if (data.Length < headerLength)
            throw new DatasetFormatException(
                $"IDX: the header of {ndims} dimensions needs {headerLength} bytes, but the file ends after {data.Length} (truncated).");
        var dims = new long[ndims];
        for (var i = 0; i < ndims; i++)
        {
            var offset = 4 + 4 * i;
            dims[i] = BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
            if (dims[i] == 0)
                throw new DatasetFormatException(
                    $"IDX: dimension {i} (bytes {offset}–{offset + 3}) is 0; every dimension must be at least 1.");
            if (dims[i] > int.MaxValue)
                throw new DatasetFormatException(
                    $"IDX: dimension {i} (bytes {offset}–{offset + 3}) is {dims[i]}, larger than {int.MaxValue}.");
        }

        // The declared size must match what is there exactly: short means truncated, long means the
        // header describes some other layout than the bytes have.
        var elements = DatasetShape.ElementCount(dims, "IDX");
        var declared = elements > long.MaxValue / elementSize ? long.MaxValue : elements * elementSize;
        var actual = (long)data.Length - headerLength;
        if (declared != actual)
        {
            var problem = actual < declared ? "the file is truncated" : $"{actual - declared} bytes are left over";
            throw new DatasetFormatException(
                $"IDX: the header declares {DatasetShape.Format(dims)} {TypeName(type)} values = {declared} bytes after the " +
                $"{headerLength}-byte header, but the file has {actual}; {problem}.");
        }

        var count = DatasetShape.SampleCount(dims[0], maxSamples, "IDX");
        DatasetShape.EnsureFitsInArray(elements, maxBytes, "IDX");
        var isImage = ndims == 3;
        int[] sampleShape = isImage ? [1, (int)dims[1], (int)dims[2]] : [(int)dims[1]];
        var sampleSize = (int)(elements / count);
        var body = data[headerLength..];
        var values = new float[elements];

        if (type == UnsignedByte)
        {
            // Bytes in an N×D file are measurements, not pixels: only images are rescaled.
            if (isImage) SampleValues.ScaleBytes(body, values);
            else for (var i = 0; i < body.Length; i++) values[i] = body[i];
        }
        else
        {
            for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleBigEndian(body[(4 * i)..]);
            SampleValues.EnsureFinite(values, sampleSize, "IDX");
            if (isImage) SampleValues.NormaliseImages(values, sampleSize, "IDX");
        }
        return new ParsedDataset(isImage ? DatasetKind.Images : DatasetKind.Vectors, sampleShape, count, values, format);
    }

    private static string TypeName(byte type) => type switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => "unknown",
    };
}
