using System.Buffers.Binary;

namespace WganService.Gan.Datasets.Readers;

/// <summary>
/// A NumPy .npy array: N×D is read as vectors, N×H×W and N×C×H×W (C = 1 or 3, channels first, as
/// PyTorch keeps them) as images. uint8 and float32 are what image and tabular pipelines produce;
/// float64 (NumPy's default) is narrowed to float32, which is what training uses anyway.
/// </summary>
internal static class NpyReader
{
    public static bool LooksLikeNpy(ReadOnlySpan<byte> data) => data.StartsWith(NpyHeader.Magic);

    public static ParsedDataset Read(ReadOnlySpan<byte> data, long maxBytes, int maxSamples)
    {
        var header = NpyHeader.Parse(data);
        var itemSize = header.Descr switch
        {
            "|u1" or "<u1" or ">u1" or "=u1" or "u1" => 1,
            "<f4" => 4,
            "<f8" => 8,
            _ => throw new DatasetFormatException(
                $".npy: dtype '{header.Descr}' is not supported; use '<f4' (float32), '<f8' (float64) or '|u1' (uint8), little-endian."),
        };
        if (header.FortranOrder)
            throw new DatasetFormatException(
                ".npy: the array is stored in Fortran (column-major) order; save it with np.save(path, np.ascontiguousarray(array)).");

        var shape = header.Shape;
        var (kind, sampleShape) = Classify(shape);
        var elements = DatasetShape.ElementCount(shape, ".npy");
        var expected = elements > long.MaxValue / itemSize ? long.MaxValue : elements * itemSize;
        var actual = (long)data.Length - header.DataOffset;
        if (expected != actual)
        {
            var problem = actual < expected ? "the file is truncated" : $"{actual - expected} bytes are left over";
            throw new DatasetFormatException(
                $".npy: shape ({string.Join(", ", shape)}) of '{header.Descr}' needs {expected} bytes of data after the " +
                $"{header.DataOffset}-byte header, but the file has {actual}; {problem}.");
        }

        var count = DatasetShape.SampleCount(shape[0], maxSamples, ".npy");
        DatasetShape.EnsureFitsInArray(elements, maxBytes, ".npy");
        var sampleSize = (int)(elements / count);
        var body = data[header.DataOffset..];
        var values = new float[elements];
        if (itemSize == 1)
        {
            // Bytes in an N×D array are measurements, not pixels: only images are rescaled.
            if (kind == DatasetKind.Images) SampleValues.ScaleBytes(body, values);
            else for (var i = 0; i < body.Length; i++) values[i] = body[i];
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = itemSize == 4
                    ? BinaryPrimitives.ReadSingleLittleEndian(body[(4 * i)..])
                    : (float)BinaryPrimitives.ReadDoubleLittleEndian(body[(8 * i)..]);
            }
            SampleValues.EnsureFinite(values, sampleSize, ".npy");
            if (kind == DatasetKind.Images) SampleValues.NormaliseImages(values, sampleSize, ".npy");
        }
        return new ParsedDataset(kind, sampleShape, count, values, "npy");
    }

    private static (DatasetKind Kind, int[] SampleShape) Classify(long[] shape)
    {
        var described = $".npy: shape ({string.Join(", ", shape)})";
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 0) throw new DatasetFormatException($"{described} has a zero at dimension {i}; the dataset would be empty.");
            if (shape[i] > int.MaxValue) throw new DatasetFormatException($"{described} has dimension {i} larger than {int.MaxValue}.");
        }
        var dims = shape.Select(d => (int)d).ToArray();
        switch (dims.Length)
        {
            case 2: return (DatasetKind.Vectors, [dims[1]]);
            case 3: return (DatasetKind.Images, [1, dims[1], dims[2]]);
            case 4 when dims[1] is 1 or 3: return (DatasetKind.Images, [dims[1], dims[2], dims[3]]);
            case 4:
                var hint = dims[3] is 1 or 3 ? " It looks channels-last; transpose it with array.transpose(0, 3, 1, 2)." : "";
                throw new DatasetFormatException($"{described} has {dims[1]} channels at dimension 1; expected 1 or 3 (N×C×H×W).{hint}");
            default:
                throw new DatasetFormatException(
                    $"{described} has {dims.Length} dimension(s); expected N×D (vectors), N×H×W or N×C×H×W (images).");
        }
    }
}
