using System.Text;
using WganService.Domain.Datasets;
using WganService.Gan.Datasets;
using static WganService.Domain.Tests.Datasets.Readers.DatasetFiles;

namespace WganService.Domain.Tests.Datasets.Readers;

public class NpyReaderTests
{
    [Fact]
    public void Uint8_NxHxW_IsGrayscaleImages_ScaledToMinusOneOne()
    {
        var dataset = Read(Npy("|u1", "(2, 1, 2)", [0, 255, 255, 0]));

        Assert.Equal(DatasetKind.Images, dataset.Kind);
        Assert.Equal([1, 1, 2], dataset.SampleShape);
        Assert.Equal(2, dataset.Count);
        Assert.Equal("npy", dataset.Format);
        Assert.Equal([-1f, 1f, 1f, -1f], dataset.Values);
    }

    [Fact]
    public void Uint8_NxCxHxW_WithThreeChannels_IsColourImages()
    {
        var dataset = Read(Npy("|u1", "(1, 3, 1, 2)", [255, 255, 0, 0, 0, 0]));

        Assert.Equal([3, 1, 2], dataset.SampleShape);
        Assert.Equal([1f, 1f, -1f, -1f, -1f, -1f], dataset.Values);
    }

    [Fact]
    public void Float32_NxD_IsVectors_KeptAsGiven()
    {
        var dataset = Read(Npy("<f4", "(2, 2)", LittleEndianFloats(1.5f, -2f, 123.25f, 0f)));

        Assert.Equal(DatasetKind.Vectors, dataset.Kind);
        Assert.Equal([2], dataset.SampleShape);
        Assert.Equal([1.5f, -2f, 123.25f, 0f], dataset.Values);
    }

    [Fact]
    public void Float64_IsNarrowedToFloat32()
    {
        var dataset = Read(Npy("<f8", "(1, 3)", LittleEndianDoubles(0.1, -7, 1e6)));

        Assert.Equal([0.1f, -7f, 1e6f], dataset.Values);
    }

    [Fact]
    public void Float32Images_InZeroOne_AreStretched()
    {
        var dataset = Read(Npy("<f4", "(1, 1, 1, 3)", LittleEndianFloats(0f, 0.5f, 1f)));

        Assert.Equal([1, 1, 3], dataset.SampleShape);
        Assert.Equal([-1f, 0f, 1f], dataset.Values);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void LaterHeaderVersions_AreRead(int major)
    {
        var dataset = Read(Npy("<f4", "(1, 2)", LittleEndianFloats(3f, 4f), major: major));

        Assert.Equal([3f, 4f], dataset.Values);
    }

    [Fact]
    public void Python2LongShape_IsRead()
    {
        Assert.Equal(2, Read(Npy("|u1", "(2L, 1L)", [7, 8])).Count);
    }

    [Fact]
    public void FortranOrder_IsRejected_WithTheFix()
    {
        var message = FormatError(Npy("<f4", "(2, 2)", new byte[16], fortran: true));

        Assert.Contains("Fortran (column-major) order", message);
        Assert.Contains("np.ascontiguousarray", message);
    }

    [Fact]
    public void NaN_NamesFlatIndexAndSample()
    {
        var message = FormatError(Npy("<f4", "(2, 2)", LittleEndianFloats(0f, 1f, 2f, float.NaN)));

        Assert.Contains("flat index 3 (sample 1) is NaN", message);
    }

    [Fact]
    public void Infinity_NamesFlatIndex()
    {
        var message = FormatError(Npy("<f8", "(3, 1)", LittleEndianDoubles(0, double.PositiveInfinity, 0)));

        Assert.Contains("flat index 1 (sample 1)", message);
    }

    [Fact]
    public void TruncatedData_SaysExpectedAndActualBytes()
    {
        var file = Npy("<f4", "(2, 3)", new byte[20]);

        var message = FormatError(file);

        Assert.Contains("shape (2, 3) of '<f4' needs 24 bytes of data after the 128-byte header, but the file has 20", message);
        Assert.Contains("truncated", message);
    }

    [Fact]
    public void TruncatedHeader_SaysWhere()
    {
        var file = Npy("<f4", "(1, 1)", new byte[4])[..50];

        Assert.Contains("the header at byte 10 declares 118 bytes, but only 40 follow", FormatError(file));
    }

    [Fact]
    public void UnsupportedDtype_IsNamed()
    {
        Assert.Contains("dtype '<i8' is not supported", FormatError(Npy("<i8", "(1, 1)", new byte[8])));
    }

    [Fact]
    public void UnsupportedVersion_IsNamed()
    {
        var file = Npy("<f4", "(1, 1)", new byte[4]);
        file[6] = 4;

        Assert.Contains("bytes 6–7 declare format version 4.0", FormatError(file));
    }

    [Fact]
    public void ChannelsLastImages_AreRejected_WithAHint()
    {
        var message = FormatError(Npy("|u1", "(1, 2, 2, 3)", new byte[12]));

        Assert.Contains("shape (1, 2, 2, 3) has 2 channels at dimension 1", message);
        Assert.Contains("transpose(0, 3, 1, 2)", message);
    }

    [Theory]
    [InlineData("(4,)", "1 dimension(s)")]
    [InlineData("(0, 3)", "has a zero at dimension 0")]
    public void UnusableShapes_AreRejected(string shape, string expected)
    {
        Assert.Contains(expected, FormatError(Npy("|u1", shape, new byte[4])));
    }

    [Fact]
    public void StructuredDtype_IsRejected()
    {
        var file = Npy("<f4", "(1, 1)", new byte[4]);
        var text = Encoding.Latin1.GetString(file).Replace("'descr': '<f4'", "'descr': [('a','<f4')]", StringComparison.Ordinal);

        Assert.Contains("no string 'descr'", FormatError(Encoding.Latin1.GetBytes(text)));
    }
}
