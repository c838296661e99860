using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace WganService.Gan.Datasets.Readers;

/// <summary>
/// The header of a NumPy .npy file: the magic "\x93NUMPY", a version, a little-endian header length
/// (2 bytes in version 1, 4 in versions 2 and 3) and a Python dict literal naming 'descr',
/// 'fortran_order' and 'shape'. NumPy writes that dict with repr(), so three patterns read it.
/// </summary>
internal sealed partial record NpyHeader(string Descr, bool FortranOrder, long[] Shape, int DataOffset)
{
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static NpyHeader Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 10)
            throw new DatasetFormatException($".npy: the file ends after {data.Length} bytes, inside the preamble (truncated).");
        var (major, minor) = (data[6], data[7]);
        var (headerLength, headerStart) = major switch
        {
            1 => ((long)BinaryPrimitives.ReadUInt16LittleEndian(data[8..]), 10),
            2 or 3 when data.Length >= 12 => (BinaryPrimitives.ReadUInt32LittleEndian(data[8..]), 12),
            2 or 3 => throw new DatasetFormatException($".npy: the file ends after {data.Length} bytes, inside the preamble (truncated)."),
            _ => throw new DatasetFormatException(
                $".npy: bytes 6–7 declare format version {major}.{minor}; supported are 1.0, 2.0 and 3.0."),
        };
        if (headerStart + headerLength > data.Length)
            throw new DatasetFormatException(
                $".npy: the header at byte {headerStart} declares {headerLength} bytes, " +
                $"but only {data.Length - headerStart} follow (truncated).");

        // Version 3 exists only to allow UTF-8 in the header; versions 1 and 2 are Latin-1.
        var bytes = data.Slice(headerStart, (int)headerLength);
        var text = major == 3 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
        var descr = DescrPattern().Match(text);
        if (!descr.Success)
            throw new DatasetFormatException(
                $".npy: the header has no string 'descr' (structured dtypes are not supported): {Excerpt(text)}");
        var fortran = FortranPattern().Match(text);
        if (!fortran.Success)
            throw new DatasetFormatException($".npy: the header has no 'fortran_order' True/False: {Excerpt(text)}");
        var shape = ShapePattern().Match(text);
        if (!shape.Success)
            throw new DatasetFormatException($".npy: the header has no 'shape' tuple of integers: {Excerpt(text)}");

        var dims = shape.Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.TryParse(d.TrimEnd('L'), out var n)
                ? n
                : throw new DatasetFormatException($".npy: the header's shape has a dimension '{d}' that is not an integer."))
            .ToArray();
        return new NpyHeader(descr.Groups[1].Value, fortran.Groups[1].Value == "True", dims, (int)(headerStart + headerLength));
    }

    private static string Excerpt(string header) => header.Length <= 200 ? header.Trim() : header[..200] + "…";

    [GeneratedRegex("""['"]descr['"]\s*:\s*['"]([^'"]*)['"]""")]
    private static partial Regex DescrPattern();

    [GeneratedRegex("""['"]fortran_order['"]\s*:\s*(True|False)""")]
    private static partial Regex FortranPattern();

    // Python 2 wrote longs with an L suffix: (60000L, 784L).
    [GeneratedRegex("""['"]shape['"]\s*:\s*\(([\dL\s,]*)\)""")]
    private static partial Regex ShapePattern();
}
