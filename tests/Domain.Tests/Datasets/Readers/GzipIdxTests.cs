using WganService.Gan.Datasets.Readers;
using static WganService.Domain.Tests.Datasets.Readers.DatasetFiles;

namespace WganService.Domain.Tests.Datasets.Readers;

/// <summary>MNIST ships as .gz: the reader inflates it itself, within the same byte limit as any upload.</summary>
public class GzipIdxTests
{
    [Fact]
    public void GzipIdx_ReadsLikeRawIdx()
    {
        var raw = Idx(0x08, [2, 2, 3], [0, 255, 51, 0, 0, 0, 255, 0, 0, 0, 0, 255]);

        var dataset = Read(Gzip(raw));

        Assert.Equal("idx.gz", dataset.Format);
        Assert.Equal(Read(raw).Values, dataset.Values);
    }

    [Fact]
    public void GzipBomb_IsTooLarge_WhileInflating()
    {
        var bomb = Gzip(Idx(0x08, [1024, 1024], new byte[1024 * 1024]));
        Assert.True(bomb.Length < 10_000);

        var error = Assert.Throws<DatasetTooLargeException>(() => Read(bomb, maxBytes: 100_000));

        Assert.Contains("gzip content inflates to more than the limit of 100000 bytes", error.Message);
        Assert.Equal(100_000, error.MaxBytes);
    }

    [Fact]
    public void GzipOfSomethingElse_IsRejected()
    {
        Assert.Contains("gzip: the content is not an IDX file", FormatError(Gzip("1,2\n3,4\n"u8.ToArray())));
    }

    [Fact]
    public void CorruptGzip_IsRejected()
    {
        byte[] corrupt = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

        Assert.Contains("gzip: the compressed data is corrupt", FormatError(corrupt));
    }
}
