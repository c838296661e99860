using SkiaSharp;
using WganService.Domain.Datasets;
using WganService.Gan.Datasets;
using WganService.Gan.Datasets.Readers;
using static WganService.Domain.Tests.Datasets.Readers.DatasetFiles;

namespace WganService.Domain.Tests.Datasets.Readers;

public class ImageZipReaderTests
{
    private static readonly byte[] Black = Gray(2, 2, (_, _) => 0);
    private static readonly byte[] White = Gray(2, 2, (_, _) => 255);

    [Fact]
    public void GrayscalePngs_AreOneChannel_InEntryNameOrder()
    {
        var dataset = Read(Zip(("b.png", White), ("a.png", Black), ("c.png", Gray(2, 2, (x, y) => (byte)(x == 0 ? 0 : 255)))));

        Assert.Equal(DatasetKind.Images, dataset.Kind);
        Assert.Equal([1, 2, 2], dataset.SampleShape);
        Assert.Equal(3, dataset.Count);
        Assert.Equal("zip", dataset.Format);
        Assert.Equal([-1f, -1f, -1f, -1f, 1f, 1f, 1f, 1f, -1f, 1f, -1f, 1f], dataset.Values);
    }

    [Fact]
    public void ColourPngs_AreThreeChannels_ChannelsFirst()
    {
        var red = Image(2, 1, (x, _) => x == 0 ? ((byte)255, (byte)0, (byte)0, (byte)255) : ((byte)0, (byte)0, (byte)255, (byte)255));

        var dataset = Read(Zip(("red.png", red), ("gray.png", Gray(2, 1, (_, _) => 255))));

        Assert.Equal([3, 1, 2], dataset.SampleShape);
        // gray.png sorts first: every channel white.
        Assert.Equal([1f, 1f, 1f, 1f, 1f, 1f], dataset.Values[..6]);
        // red.png: R plane (255, 0), G plane (0, 0), B plane (0, 255).
        Assert.Equal([1f, -1f, -1f, -1f, -1f, 1f], dataset.Values[6..]);
    }

    [Fact]
    public void Alpha_IsDropped_WithoutDarkeningTheColour()
    {
        var translucent = Image(1, 1, (_, _) => (204, 102, 51, 16));

        var dataset = Read(Zip(("a.png", translucent)));

        Assert.Equal([3, 1, 1], dataset.SampleShape);
        Assert.Equal([204 / 127.5f - 1f, 102 / 127.5f - 1f, 51 / 127.5f - 1f], dataset.Values);
    }

    [Fact]
    public void GrayscaleJpegs_AreOneChannel()
    {
        var jpeg = Gray(8, 8, (x, _) => (byte)(x < 4 ? 0 : 255), SKEncodedImageFormat.Jpeg);

        var dataset = Read(Zip(("a.jpg", jpeg), ("b.jpeg", jpeg)));

        Assert.Equal([1, 8, 8], dataset.SampleShape);
        Assert.Equal(-1f, dataset.Values[0], 0.05f);
        Assert.Equal(1f, dataset.Values[7], 0.05f);
    }

    [Fact]
    public void FoldersDotfilesAndMacMetadata_AreSkipped()
    {
        var dataset = Read(Zip(
            ("digits/", []), ("digits/a.png", Black), ("digits/.DS_Store", [1, 2, 3]),
            (".hidden/b.png", White), ("__MACOSX/digits/._a.png", [0, 5, 22]), ("digits/b.png", White)));

        Assert.Equal(2, dataset.Count);
    }

    [Fact]
    public void ImageOfAnotherSize_NamesTheEntryAndBothSizes()
    {
        var message = FormatError(Zip(("a.png", Black), ("b.png", Gray(3, 2, (_, _) => 0))));

        Assert.Contains("entry 'b.png' is 3×2, but 'a.png' is 2×2", message);
    }

    [Fact]
    public void EntryThatIsNotAnImage_IsNamed()
    {
        Assert.Contains(
            "entry 'readme.txt' is not a PNG or JPEG image", FormatError(Zip(("a.png", Black), ("readme.txt", "hi"u8.ToArray()))));
    }

    [Fact]
    public void TruncatedPng_IsNamed()
    {
        var large = Gray(64, 64, (x, y) => (byte)(x * y));

        Assert.Contains("entry 'cut.png' could not be decoded", FormatError(Zip(("cut.png", large[..(large.Length / 2)]))));
    }

    [Fact]
    public void PngSignatureFollowedByGarbage_IsNamed()
    {
        byte[] garbage = [.. Black[..8], .. new byte[40]];

        Assert.Contains("entry 'bad.png' could not be decoded", FormatError(Zip(("a.png", Black), ("bad.png", garbage))));
    }

    [Fact]
    public void MoreImagesThanTheLimit_AreRejected()
    {
        var message = FormatError(Zip(("a.png", Black), ("b.png", Black), ("c.png", Black)), maxSamples: 2);

        Assert.Contains("holds 3 images, more than the limit of 2", message);
    }

    [Fact]
    public void EntriesDeclaringMoreThanTheLimit_AreTooLarge_BeforeInflating()
    {
        var bomb = Zip(("a.png", new byte[2_000_000]));
        Assert.True(bomb.Length < 10_000);

        var error = Assert.Throws<DatasetTooLargeException>(() => Read(bomb, maxBytes: 100_000));

        Assert.Contains("entries declare 2000000 bytes uncompressed, more than the limit of 100000", error.Message);
    }

    [Fact]
    public void SmallPngWithAHugeCanvas_IsTooLarge_BeforeDecoding()
    {
        var canvas = Gray(4000, 4000, (_, _) => 0);
        Assert.True(canvas.Length < 100_000);

        var error = Assert.Throws<DatasetTooLargeException>(() => Read(Zip(("a.png", canvas)), maxBytes: 1_000_000));

        Assert.Contains("1 images of 4000×4000 (as 'a.png' declares) decode to 16000000 pixels", error.Message);
    }

    [Fact]
    public void ArchiveWithoutImages_IsRejected()
    {
        Assert.Contains("holds no images", FormatError(Zip(("empty/", []), (".keep", [1]))));
    }

    [Fact]
    public void CorruptArchive_IsRejected()
    {
        Assert.Contains("ZIP: the archive is corrupt or truncated", FormatError([.. "PK\x03\x04"u8, .. new byte[30]]));
    }
}
