using WganService.Api.Tests.Infrastructure;

namespace WganService.Api.Tests.Architecture;

/// <summary>
/// Hand-written C# keeps to the line limit of .editorconfig (issue 19), so a file reads without
/// sideways scrolling in a review or a split editor; a failure names each file and line.
/// </summary>
public sealed class LineLengthTests
{
    [Fact]
    public async Task HandWrittenCSharp_KeepsToTheEditorconfigLineLimit()
    {
        var root = RepositoryRoot.Find();
        var limit = LongLines.Limit(root);
        var sources = await LongLines.HandWrittenSourcesAsync(root);

        // The listing reaches every folder it should (an empty listing would pass anything).
        foreach (var folder in new[] { "src/", "tests/", "bench/" })
            Assert.Contains(sources, p => p.StartsWith(folder, StringComparison.Ordinal));
        var tooLong = LongLines.Find(root, sources, limit);
        Assert.True(tooLong.Count == 0, $"Lines over {limit} characters (.editorconfig max_line_length):\n{string.Join("\n", tooLong)}");
    }

    [Fact]
    public void Find_NamesTheFileAndLine_OfEachLineOverTheLimit()
    {
        var root = Directory.CreateTempSubdirectory("wgan-lines-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "src"));
            File.WriteAllLines(Path.Combine(root, "src", "A.cs"), ["short", new string('x', 11), new string('ψ', 10), "ok"]);
            File.WriteAllLines(Path.Combine(root, "src", "B.cs"), [new string('x', 10), new string('y', 12)]);

            Assert.Equal(
                ["src/A.cs:2 (11 characters)", "src/B.cs:2 (12 characters)"],
                LongLines.Find(root, ["src/A.cs", "src/B.cs"], limit: 10));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("src/Gan/WganTrainer.cs", true)]
    [InlineData("tests/Domain.Tests/Gan/TrainingHarness.cs", true)]
    [InlineData("bench/TrainBench/Program.cs", true)]
    [InlineData("src/Domain/Persistence/Migrations/Sqlite/20260101000000_Initial.cs", false)]
    [InlineData("src/Api/Properties/Resources.Designer.cs", false)]
    [InlineData("deploy/Tool.cs", false)]
    public void IsHandWritten_LeavesOutGeneratedCodeAndOtherFolders(string path, bool checkedForLength) =>
        Assert.Equal(checkedForLength, LongLines.IsHandWritten(path));
}
