using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using SkiaSharp;
using WganService.Gan.Datasets.Readers;

namespace WganService.Domain.Tests.Datasets.Readers;

/// <summary>Builds real dataset files byte by byte, so each test shows exactly what the reader gets.</summary>
internal static class DatasetFiles
{
    public const long MaxBytes = 1 << 20;

    public static ParsedDataset Read(byte[] content, long maxBytes = MaxBytes, int maxSamples = 1000) =>
        DatasetReader.Read(new MemoryStream(content), maxBytes, maxSamples);

    public static string FormatError(byte[] content, long maxBytes = MaxBytes, int maxSamples = 1000) =>
        Assert.Throws<DatasetFormatException>(() => Read(content, maxBytes, maxSamples)).Message;

    public static byte[] Idx(byte type, uint[] dims, byte[] body)
    {
        var header = new byte[4 + 4 * dims.Length];
        (header[2], header[3]) = (type, (byte)dims.Length);
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + 4 * i), dims[i]);
        return [.. header, .. body];
    }

    public static byte[] BigEndianFloats(params float[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }

    /// <summary>What np.save writes: magic, version, header length, a dict padded with spaces to a multiple of 64.</summary>
    public static byte[] Npy(string descr, string shape, byte[] data, bool fortran = false, int major = 1)
    {
        var dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        var preamble = major == 1 ? 10 : 12;
        var padded = dict.PadRight((preamble + dict.Length + 1 + 63) / 64 * 64 - preamble - 1) + "\n";
        var header = Encoding.Latin1.GetBytes(padded);
        var lengthField = new byte[preamble - 8];
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(lengthField, (ushort)header.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(lengthField, (uint)header.Length);
        return [0x93, .. "NUMPY"u8, (byte)major, 0, .. lengthField, .. header, .. data];
    }

    public static byte[] LittleEndianFloats(params float[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    public static byte[] LittleEndianDoubles(params double[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    public static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal)) gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>Entries in the order given; a name ending in '/' is a folder.</summary>
    public static byte[] Zip(params (string Name, byte[] Data)[] entries)
    {
        var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create))
        {
            foreach (var (name, data) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(data);
            }
        }
        return output.ToArray();
    }

    /// <summary>An image whose pixels are given as unpremultiplied RGBA, encoded by SkiaSharp.</summary>
    public static byte[] Image(
        int width, int height, Func<int, int, (byte R, byte G, byte B, byte A)> pixel,
        SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b, a) = pixel(x, y);
                var p = 4 * (y * width + x);
                (rgba[p], rgba[p + 1], rgba[p + 2], rgba[p + 3]) = (r, g, b, a);
            }
        }
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var data = bitmap.Encode(format, 100);
        return data.ToArray();
    }

    public static byte[] Gray(int width, int height, Func<int, int, byte> level, SKEncodedImageFormat format = SKEncodedImageFormat.Png) =>
        Image(width, height, (x, y) => (level(x, y), level(x, y), level(x, y), 255), format);
}
