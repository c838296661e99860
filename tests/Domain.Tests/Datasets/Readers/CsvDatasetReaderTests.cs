using System.Text;
using WganService.Domain.Datasets;
using WganService.Gan.Datasets;
using static WganService.Domain.Tests.Datasets.Readers.DatasetFiles;

namespace WganService.Domain.Tests.Datasets.Readers;

public class CsvDatasetReaderTests
{
    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void NumbersWithHeader_AreVectors()
    {
        var dataset = Read(Csv("x,y\n1,2\n3.5,-4e2\n"));

        Assert.Equal(DatasetKind.Vectors, dataset.Kind);
        Assert.Equal([2], dataset.SampleShape);
        Assert.Equal(2, dataset.Count);
        Assert.Equal("csv", dataset.Format);
        Assert.Equal([1f, 2f, 3.5f, -400f], dataset.Values);
    }

    [Fact]
    public void WithoutHeader_WithBomCrlfBlankLinesAndSpaces_IsRead()
    {
        var dataset = Read([0xEF, 0xBB, 0xBF, .. Csv(" 1 , 2,3\r\n\r\n4,5,6\r\n")]);

        Assert.Equal([3], dataset.SampleShape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], dataset.Values);
    }

    [Fact]
    public void RowWithOtherColumnCount_NamesBothLines()
    {
        var message = FormatError(Csv("a,b\n1,2\n3,4,5\n"));

        Assert.Contains("line 3 has 3 columns, but line 2 has 2", message);
    }

    [Fact]
    public void NonNumericCell_NamesLineAndColumn()
    {
        var message = FormatError(Csv("1,2\n3,abc\n"));

        Assert.Contains("line 2, column 2: 'abc' is not a number", message);
    }

    [Fact]
    public void FirstRowMixingNumbersAndText_IsData_NotAHeader()
    {
        Assert.Contains("line 1, column 1: 'x' is not a number", FormatError(Csv("x,2\n3,4\n")));
    }

    [Theory]
    [InlineData("1,2\nNaN,4\n", "line 2, column 1: 'NaN'")]
    [InlineData("1,2\n3,-Infinity\n", "line 2, column 2: '-Infinity'")]
    [InlineData("1,2\n3,1e39\n", "line 2, column 2: '1e39'")]
    public void NonFiniteValues_NameLineAndColumn(string text, string expected)
    {
        var message = FormatError(Csv(text));

        Assert.Contains(expected, message);
        Assert.Contains("NaN, infinite or beyond the float32 range", message);
    }

    [Fact]
    public void EmptyCell_NamesLineAndColumn()
    {
        Assert.Contains("line 1, column 2 is empty", FormatError(Csv("1,,3\n")));
    }

    [Fact]
    public void SemicolonSeparated_GetsAHint()
    {
        Assert.Contains("Only commas separate values", FormatError(Csv("1;2\n3;4\n")));
    }

    [Fact]
    public void MoreRowsThanTheLimit_AreRejected()
    {
        Assert.Contains("line 4 is row 3, more than the limit of 2", FormatError(Csv("a\n1\n2\n3\n"), maxSamples: 2));
    }

    [Fact]
    public void HeaderOnly_HasNoRows()
    {
        Assert.Contains("line 2 has no numbers, so it is the header, and no rows of numbers follow it", FormatError(Csv("\nx,y\n")));
    }

    [Fact]
    public void BlankText_HasNoRows()
    {
        Assert.Contains("no non-blank lines", FormatError(Csv(" \r\n\n")));
    }

    [Fact]
    public void InvalidUtf8_NamesTheByteOffset()
    {
        // "temp\xE9" is Latin-1 for "tempé": what a non-UTF-8 spreadsheet export looks like.
        var message = FormatError([.. Csv("temp"), 0xE9, .. Csv(",x\n1,2\n")]);

        Assert.Contains("not valid UTF-8 at byte offset 4", message);
    }
}
