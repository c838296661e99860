using System.Text;
using WganService.Domain.Datasets;
using WganService.Gan.Datasets;
using WganService.Gan.Datasets.Readers;
using WganService.Gan.Serving;

namespace WganService.Domain.Tests.Gan.Serving;

public sealed class NpyWriterTests
{
    [Fact]
    public void Images_RoundTripThroughTheUploadReader_WithShapeAndValues()
    {
        var values = Enumerable.Range(0, 2 * 1 * 28 * 28).Select(i => (i % 256 / 127.5f) - 1).ToArray();
        var npy = NpyWriter.Write(values, [2, 1, 28, 28]);

        var parsed = DatasetReader.Read(new MemoryStream(npy), long.MaxValue, int.MaxValue);

        Assert.Equal((DatasetKind.Images, 2), (parsed.Kind, parsed.Count));
        Assert.Equal([1, 28, 28], parsed.SampleShape);
        Assert.Equal(values, parsed.Values);
    }

    [Fact]
    public void Header_IsNumPys_AndTheDataStartsOnA64ByteBoundary()
    {
        var npy = NpyWriter.Write([1.5f, -2f, 3f], [3]);

        var headerLength = BitConverter.ToUInt16(npy, 8);
        var header = Encoding.Latin1.GetString(npy, 10, headerLength);
        Assert.Equal("\x93NUMPY\x01\x00", Encoding.Latin1.GetString(npy, 0, 8));
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", header);
        Assert.EndsWith("\n", header);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Equal(-2f, BitConverter.ToSingle(npy, 10 + headerLength + 4));
    }

    [Fact]
    public void ShapeThatDoesNotMatchTheValues_IsRejected() =>
        Assert.Throws<ArgumentException>(() => NpyWriter.Write([1f, 2f], [3]));
}
