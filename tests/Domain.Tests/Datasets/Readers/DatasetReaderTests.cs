using WganService.Gan.Datasets.Readers;
using static WganService.Domain.Tests.Datasets.Readers.DatasetFiles;

namespace WganService.Domain.Tests.Datasets.Readers;

public class DatasetReaderTests
{
    private const string Unrecognised =
        "Unrecognised content: expected an IDX file (raw or gzip), a NumPy .npy array, a CSV of numbers, or a ZIP of PNG/JPEG images.";

    [Fact]
    public void UnknownBinary_IsUnrecognised()
    {
        Assert.Equal(Unrecognised, FormatError([0x01, 0x02, 0x00, 0x7F, 0x10]));
    }

    [Fact]
    public void LonePng_IsUnrecognised_OnlyZipsOfImagesAre()
    {
        Assert.Equal(Unrecognised, FormatError(Gray(2, 2, (_, _) => 0)));
    }

    [Fact]
    public void EmptyUpload_IsRejected()
    {
        Assert.Equal("The upload is empty.", FormatError([]));
    }

    [Fact]
    public void TheContent_NotTheName_DecidesTheFormat()
    {
        // Same bytes whatever the client called the file: the reader never sees a name.
        Assert.Equal("csv", Read("1,2\n"u8.ToArray()).Format);
        Assert.Equal("npy", Read(Npy("|u1", "(1, 1)", [1])).Format);
        Assert.Equal("idx", Read(Idx(0x08, [1, 1], [1])).Format);
    }

    [Fact]
    public void UploadOverTheLimit_IsTooLarge_WithoutTrustingTheStreamLength()
    {
        var content = new UnseekableStream(new byte[2048]);

        var error = Assert.Throws<DatasetTooLargeException>(() => DatasetReader.Read(content, maxBytes: 1000, maxSamples: 10));

        Assert.Equal("The upload is larger than the limit of 1000 bytes.", error.Message);
        Assert.Equal(1000, error.MaxBytes);
    }

    [Fact]
    public void UnseekableStream_IsReadToTheEnd()
    {
        var dataset = DatasetReader.Read(new UnseekableStream(Idx(0x08, [2, 3], [1, 2, 3, 4, 5, 6])), maxBytes: 1000, maxSamples: 10);

        Assert.Equal(2, dataset.Count);
        Assert.Equal(6f, dataset.Values[^1]);
    }

    /// <summary>Like a request body: forward-only, and no Length to trust.</summary>
    private sealed class UnseekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 100));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
