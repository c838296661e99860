using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Tests.Datasets.Readers;

namespace WganService.Api.Tests.Hostile;

/// <summary>
/// Dataset files that lie: headers declaring more (or other) than the bytes hold, bombs that inflate
/// far past the upload limit, images declaring huge canvases, text that is not numbers.
/// </summary>
internal static class HostileFiles
{
    // Built once: compressing tens of megabytes for every request would dominate the test's time.
    // 32 MiB of zeros, far over the fuzz test's upload limit; the compressed files are tens of KiB.
    private static readonly Lazy<byte[]> GzipBombFile = new(() => DatasetFiles.Gzip(Zeros(32 << 20)));
    private static readonly Lazy<byte[]> ZipBombFile = new(() => DatasetFiles.Zip(("bomb.png", Zeros(32 << 20))));
    private static readonly Lazy<byte[]> LyingZipBombFile = new(() => LyingZip(Zeros(32 << 20)));

    public static byte[] GzipBomb => GzipBombFile.Value;

    public static byte[] ZipBomb => ZipBombFile.Value;

    /// <summary>A zip whose entry's headers say 1,000 bytes and which inflates to 32 MiB.</summary>
    public static byte[] LyingZipBomb => LyingZipBombFile.Value;

    /// <summary>A zip holding a PNG whose header declares a canvas of about a gigapixel.</summary>
    public static byte[] HugeCanvas => DatasetFiles.Zip(("huge.png", PngHeader(30_000, 30_000)));

    public static byte[] Next(Random random) => random.Next(16) switch
    {
        0 => Idx(random, count: uint.MaxValue, height: 28, width: 28, bodyBytes: 784),
        1 => Idx(random, count: 10, height: 65_535, width: 65_535, bodyBytes: 100),
        2 => Idx(random, count: 65_536, height: 65_536, width: 65_536, bodyBytes: 16), // the product overflows 64 bits
        3 => [0, 0, 0x08, (byte)random.Next(256), 0, 0, 0, 1], // any number of dimensions
        4 => GzipBomb,
        5 => DatasetFiles.Gzip(
            Idx(random, count: 1, height: 28, width: 28, bodyBytes: 784)[..random.Next(1, 800)]), // a truncated IDX inside gzip
        6 => ZipBomb,
        7 => LyingZipBomb,
        8 => DatasetFiles.Zip(("huge.png", PngHeader(random.Next(2) == 0 ? 1 << 20 : 30_000, 30_000))), // a canvas declared huge
        9 => Npy(random.Next(2) == 0 ? "(2147483647, 2147483647)" : "(9223372036854775807, 2)", "<f4", bodyBytes: 64),
        10 => Npy("(4, 2)", "<f4", bodyBytes: 32, lyingHeaderLength: true),
        11 => Encoding.UTF8.GetBytes(random.Next(3) switch
        {
            0 => "1,2\n3,NaN\n",
            1 => "1,2\n3\n",
            _ => "1e39,1\n" + string.Join(',', Enumerable.Repeat("1", 100_000)),
        }),
        12 => RandomBytes(random, random.Next(1, 4096)),
        13 => [],
        14 => Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Repeat("1,2", random.Next(1, 50_000)))), // valid vectors
        _ => IdxFile.Squares(random.Next(1, 40)), // valid images
    };

    /// <summary>A 3-dimensional IDX file (ubyte or float) declaring the given shape over random bytes.</summary>
    public static byte[] Idx(Random random, uint count, uint height, uint width, int bodyBytes) =>
        DatasetFiles.Idx(random.Next(4) == 0 ? (byte)0x0D : (byte)0x08, [count, height, width], RandomBytes(random, bodyBytes));

    /// <param name="lyingHeaderLength">Declare a 65,535-byte header, longer than the file.</param>
    public static byte[] Npy(string shape, string descr, int bodyBytes, bool lyingHeaderLength = false)
    {
        var bytes = DatasetFiles.Npy(descr, shape, new byte[bodyBytes]);
        if (lyingHeaderLength) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), ushort.MaxValue);
        return bytes;
    }

    /// <summary>An entry inflating to megabytes whose local and central headers both declare 1,000 bytes.</summary>
    private static byte[] LyingZip(byte[] content)
    {
        var zip = DatasetFiles.Zip(("a.png", content));
        var span = zip.AsSpan();
        // Local file header: uncompressed size at offset 22; central directory entry: at offset 24.
        BinaryPrimitives.WriteUInt32LittleEndian(span[22..], 1000);
        var central = span.IndexOf("PK\x01\x02"u8);
        if (central >= 0) BinaryPrimitives.WriteUInt32LittleEndian(span[(central + 24)..], 1000);
        return zip;
    }

    /// <summary>
    /// A PNG whose IHDR declares the canvas, followed by a token IDAT and IEND: enough for a decoder to
    /// read the header and report the size (libpng stops at the first IDAT), far too little to decode.
    /// </summary>
    private static byte[] PngHeader(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.SmallestSize)) zlib.Write(new byte[100]);
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", ihdr);
        WriteChunk(png, "IDAT", idat.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(MemoryStream png, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(header, 4);
        png.Write(header);
        png.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. header.AsSpan(4), .. data]));
        png.Write(crc);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] Zeros(int length) => new byte[length];

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
