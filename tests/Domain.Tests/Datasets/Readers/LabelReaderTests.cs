using System.Buffers.Binary;
using System.Text;
using WganService.Gan.Datasets.Readers;
using WganService.Domain.Tests.Datasets;
using static WganService.Domain.Tests.Datasets.Readers.DatasetFiles;

namespace WganService.Domain.Tests.Datasets.Readers;

public class LabelReaderTests
{
    private static byte[] Labels(byte[] content) => LabelReader.Read(content, MaxBytes);

    private static string Error(byte[] content) => Assert.Throws<DatasetFormatException>(() => Labels(content)).Message;

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] LittleEndianInt64s(params long[] values)
    {
        var bytes = new byte[8 * values.Length];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), values[i]);
        return bytes;
    }

    [Fact]
    public void Idx1_UnsignedBytes_AreRead_RawAndGzipped()
    {
        var idx = Idx(0x08, [4], [3, 0, 9, 255]);

        Assert.Equal([3, 0, 9, 255], Labels(idx));
        Assert.Equal([3, 0, 9, 255], Labels(Gzip(idx)));
    }

    [Fact]
    public void Idx1_Int32_IsRead()
    {
        var body = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(body, 7);
        BinaryPrimitives.WriteInt32BigEndian(body.AsSpan(4), 1);

        Assert.Equal([7, 1], Labels(Idx(0x0C, [2], body)));
    }

    [Fact]
    public void TheRealMnistSlice_HasTenClasses_OfAHundredEach()
    {
        var labels = Labels(File.ReadAllBytes(MnistSlice.LabelsPath));

        Assert.Equal(1000, labels.Length);
        Assert.All(labels.GroupBy(l => l), g => Assert.Equal(100, g.Count()));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (byte)i), labels.Distinct().Order());
    }

    [Theory]
    [InlineData("<i8")]
    [InlineData("|u1")]
    public void Npy_OfIntegers_IsRead(string descr)
    {
        var data = descr == "<i8" ? LittleEndianInt64s(2, 5, 0) : [2, 5, 0];

        Assert.Equal([2, 5, 0], Labels(Npy(descr, "(3,)", data)));
        Assert.Equal([2, 5, 0], Labels(Npy(descr, "(3, 1)", data)));
    }

    [Fact]
    public void Csv_OneIntegerPerLine_SkipsBlankLines()
    {
        Assert.Equal([1, 2, 10], Labels(Text("1\n 2\r\n\n10\n")));
    }

    [Fact]
    public void NonInteger_IsRefused_NamingTheLine()
    {
        Assert.Contains("line 2: '2.5' is not an integer", Error(Text("1\n2.5\n")));
        Assert.Contains("not an integer type", Error(Npy("<f4", "(1,)", LittleEndianFloats(1f))));
    }

    [Fact]
    public void NegativeLabel_IsRefused()
    {
        var message = Error(Npy("<i8", "(2,)", LittleEndianInt64s(1, -1)));

        Assert.Contains("element 1 is -1", message);
        Assert.Contains("never negative", message);
    }

    [Fact]
    public void LabelBeyondTheClassCap_IsRefused_NamingTheCap()
    {
        Assert.Contains("line 1 is 256; a label must be a class index from 0 to 255 (at most 256 classes)", Error(Text("256\n")));
    }

    [Fact]
    public void Idx1_WithTheWrongCount_IsRefused()
    {
        Assert.Contains("declares 5 labels", Error(Idx(0x08, [5], [1, 2])));
        Assert.Contains("labels file has 1", Error(Idx(0x08, [1, 1], [1])));
    }
}
