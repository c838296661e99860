using WganService.Domain.Datasets;
using WganService.Gan.Datasets;
using static WganService.Domain.Tests.Datasets.Readers.DatasetFiles;

namespace WganService.Domain.Tests.Datasets.Readers;

public class IdxReaderTests
{
    [Fact]
    public void UbyteImages_AreGrayscale_ScaledToMinusOneOne()
    {
        var dataset = Read(Idx(0x08, [2, 2, 3], [0, 255, 51, 0, 0, 0, /* sample 1 */ 255, 0, 0, 0, 0, 255]));

        Assert.Equal(DatasetKind.Images, dataset.Kind);
        Assert.Equal([1, 2, 3], dataset.SampleShape);
        Assert.Equal(2, dataset.Count);
        Assert.Equal("idx", dataset.Format);
        Assert.Equal(12, dataset.Values.Length);
        Assert.Equal(-1f, dataset.Values[0]);
        Assert.Equal(1f, dataset.Values[1]);
        Assert.Equal(51 / 127.5f - 1f, dataset.Values[2], 1e-6f);
        Assert.Equal(1f, dataset.Values[6]);
    }

    [Fact]
    public void UbyteMatrix_IsVectors_KeptAsGiven()
    {
        var dataset = Read(Idx(0x08, [3, 2], [0, 1, 2, 3, 254, 255]));

        Assert.Equal(DatasetKind.Vectors, dataset.Kind);
        Assert.Equal([2], dataset.SampleShape);
        Assert.Equal([0f, 1f, 2f, 3f, 254f, 255f], dataset.Values);
    }

    [Fact]
    public void Float32Images_InZeroOne_AreStretchedToMinusOneOne()
    {
        var dataset = Read(Idx(0x0D, [1, 1, 3], BigEndianFloats(0f, 0.5f, 1f)));

        Assert.Equal([-1f, 0f, 1f], dataset.Values);
    }

    [Fact]
    public void Float32Images_AlreadyInMinusOneOne_AreKept()
    {
        var dataset = Read(Idx(0x0D, [1, 1, 3], BigEndianFloats(-1f, 0.25f, 1f)));

        Assert.Equal([-1f, 0.25f, 1f], dataset.Values);
    }

    [Fact]
    public void Float32Images_OutOfRange_NameFlatIndexAndSample()
    {
        var message = FormatError(Idx(0x0D, [2, 1, 3], BigEndianFloats(0f, 1f, 0f, 0f, 0f, 255f)));

        Assert.Contains("flat index 5 (sample 1) is 255", message);
        Assert.Contains("[0, 1] or [-1, 1]", message);
    }

    [Fact]
    public void Float32_NaN_NamesFlatIndex()
    {
        var message = FormatError(Idx(0x0D, [2, 2], BigEndianFloats(0f, 1f, float.NaN, 3f)));

        Assert.Contains("flat index 2 (sample 1) is NaN", message);
    }

    [Fact]
    public void HeaderDeclaringFewerBytes_ThanFollow_SaysDeclaredAndActual()
    {
        var message = FormatError(Idx(0x08, [2, 2, 2], new byte[10]));

        Assert.Contains("2×2×2 unsigned byte values = 8 bytes after the 16-byte header, but the file has 10", message);
        Assert.Contains("2 bytes are left over", message);
    }

    [Fact]
    public void TruncatedData_SaysDeclaredAndActual()
    {
        var message = FormatError(Idx(0x08, [2, 28, 28], new byte[100]));

        Assert.Contains("= 1568 bytes", message);
        Assert.Contains("the file has 100; the file is truncated", message);
    }

    [Fact]
    public void TruncatedHeader_SaysHowLongItShouldBe()
    {
        var message = FormatError([0, 0, 0x08, 3, 0, 0, 0, 2]);

        Assert.Contains("needs 16 bytes, but the file ends after 8", message);
    }

    [Fact]
    public void ZeroDimension_NamesItsBytes()
    {
        var message = FormatError(Idx(0x08, [0, 28, 28], []));

        Assert.Contains("dimension 0 (bytes 4–7) is 0", message);
    }

    [Fact]
    public void DimensionsWhoseProductOverflows_AreRejected()
    {
        var message = FormatError(Idx(0x08, [int.MaxValue, int.MaxValue, int.MaxValue], new byte[4]));

        Assert.Contains("2147483647×2147483647×2147483647", message);
        Assert.Contains("more elements than a 64-bit count can hold", message);
    }

    [Fact]
    public void DimensionAboveIntMax_NamesItsBytes()
    {
        var message = FormatError(Idx(0x08, [1, uint.MaxValue], []));

        Assert.Contains("dimension 1 (bytes 8–11) is 4294967295", message);
    }

    [Fact]
    public void UnsupportedTypeCode_IsNamed()
    {
        var message = FormatError(Idx(0x0C, [1, 1], new byte[4]));

        Assert.Contains("byte 2 declares element type 0x0C (int32)", message);
    }

    [Fact]
    public void LabelsFile_IsRejected_WithAHint()
    {
        var message = FormatError(Idx(0x08, [3], [1, 2, 3]));

        Assert.Contains("byte 3 declares 1 dimension(s)", message);
        Assert.Contains("labels file", message);
    }

    [Fact]
    public void FourDimensions_AreRejected()
    {
        Assert.Contains("byte 3 declares 4 dimension(s)", FormatError(Idx(0x08, [1, 1, 1, 1], [0])));
    }

    [Fact]
    public void MoreSamplesThanTheLimit_AreRejected()
    {
        var message = FormatError(Idx(0x08, [3, 1], [1, 2, 3]), maxSamples: 2);

        Assert.Contains("3 samples, more than the limit of 2", message);
    }
}
