using System.Globalization;
using System.Text.RegularExpressions;
using WganService.Api.Tests.Postgres;

namespace WganService.Api.Tests.Architecture;

/// <summary>
/// Lines over the limit .editorconfig sets, in hand-written C#: the *.cs files git tracks under src/,
/// tests/ and bench/, less what tools generate (EF migrations, *.Designer.cs).
/// </summary>
internal static partial class LongLines
{
    private static readonly string[] Folders = ["src/", "tests/", "bench/"];

    /// <summary>The max_line_length of .editorconfig (the repository sets one, for *.cs).</summary>
    public static int Limit(string root)
    {
        var setting = MaxLineLength().Match(File.ReadAllText(Path.Combine(root, ".editorconfig")));
        if (!setting.Success) throw new InvalidOperationException(".editorconfig sets no max_line_length.");
        return int.Parse(setting.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Repository-relative paths, as git lists them; a tracked file deleted from the work tree is skipped.</summary>
    public static async Task<IReadOnlyList<string>> HandWrittenSourcesAsync(string root)
    {
        var listed = await ProcessRunner.RunAsync(
            "git", ["ls-files", "-z", "--", "*.cs"], root, TimeSpan.FromMinutes(1), CancellationToken.None);
        return [.. listed.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => IsHandWritten(p) && File.Exists(Path.Combine(root, p)))];
    }

    // Migrations (and their model snapshots) are written by dotnet-ef, designer files by resource tools.
    public static bool IsHandWritten(string path) =>
        Folders.Any(f => path.StartsWith(f, StringComparison.Ordinal))
        && !path.Split('/').Contains("Migrations")
        && !path.EndsWith(".Designer.cs", StringComparison.OrdinalIgnoreCase);

    /// <summary>"path:line (n characters)" for each line longer than <paramref name="limit"/>, in file and line order.</summary>
    public static List<string> Find(string root, IEnumerable<string> paths, int limit)
    {
        var found = new List<string>();
        foreach (var path in paths)
        {
            var lines = File.ReadAllLines(Path.Combine(root, path));
            for (var i = 0; i < lines.Length; i++)
            {
                // Characters as an editor counts them: 'ψ' or '×' is one, as is a character outside the BMP.
                var length = lines[i].EnumerateRunes().Count();
                if (length > limit) found.Add($"{path}:{i + 1} ({length} characters)");
            }
        }
        return found;
    }

    [GeneratedRegex(@"^\s*max_line_length\s*=\s*(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex MaxLineLength();
}
