using System.IO.Compression;
using WganService.Domain.Tests.Datasets.Readers;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>
/// 1,000 real MNIST digits with their labels (100 per class, classes interleaved), committed under
/// tests/Fixtures/mnist and made by bench/mnist/make_mnist_idx.py --slice 1000.
/// </summary>
public static class MnistSlice
{
    public const int Count = 1000;

    public static byte[] Images
        => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "mnist", "slice-images-idx3-ubyte.gz"));
    public static byte[] Labels
        => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "mnist", "slice-labels-idx1-ubyte.gz"));

    /// <summary>The slice's labels, one byte each (its IDX1 file without the 8-byte header).</summary>
    public static byte[] RawLabels() => Gunzip(Labels)[8..];

    /// <summary>The slice's pixels, 784 bytes per digit (its IDX3 file without the 16-byte header).</summary>
    public static byte[] RawPixels() => Gunzip(Images)[16..];

    /// <summary>Digits [<paramref name="from"/>, <paramref name="to"/>) as an IDX3 images file and an IDX1 labels file.</summary>
    public static (byte[] Images, byte[] Labels) Range(int from, int to) => (
        DatasetFiles.Idx(0x08, [(uint)(to - from), 28, 28], RawPixels()[(from * 784)..(to * 784)]),
        DatasetFiles.Idx(0x08, [(uint)(to - from)], RawLabels()[from..to]));

    private static byte[] Gunzip(byte[] gzipped)
    {
        using var gzip = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress);
        var raw = new MemoryStream();
        gzip.CopyTo(raw);
        return raw.ToArray();
    }

    /// <summary>The upload form: images as 'file', and <paramref name="labels"/> (the slice's own by default) as 'labels'.</summary>
    public static MultipartFormDataContent Upload(byte[]? labels = null, string labelsFileName = "labels.gz")
    {
        var form = IdxFile.Upload(Images, "slice-images-idx3-ubyte.gz", name: "mnist");
        form.Add(new ByteArrayContent(labels ?? Labels), "labels", labelsFileName);
        return form;
    }
}
