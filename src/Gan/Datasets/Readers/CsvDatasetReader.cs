using System.Globalization;

namespace WganService.Gan.Datasets.Readers;

/// <summary>
/// A CSV of numbers, one sample per line: N×D vectors. Deliberately plain: commas only (no quoting,
/// no ; or tab, whose meaning depends on the exporter's locale), invariant culture (a dot is the
/// decimal point), and a first line counts as a header only if none of its cells is a number.
/// Blank lines are skipped; line numbers in messages are the file's own.
/// </summary>
internal static class CsvDatasetReader
{
    private const string Name = "CSV";

    public static ParsedDataset Read(string text, int maxSamples)
    {
        var values = new List<float>();
        var (lineNumber, columns, rows, firstRowLine, headerLine) = (0, 0, 0, 0, 0);
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.IsEmpty) continue;
            if (rows == 0 && headerLine == 0 && IsHeader(line))
            {
                headerLine = lineNumber;
                continue;
            }

            var cellCount = line.Count(',') + 1;
            if (rows == 0) (columns, firstRowLine) = (cellCount, lineNumber);
            else if (cellCount != columns)
                throw new DatasetFormatException(
                    $"{Name}: line {lineNumber} has {cellCount} columns, but line {firstRowLine} has {columns}; " +
                    "every row needs the same number.");
            if (++rows > maxSamples)
                throw new DatasetFormatException($"{Name}: line {lineNumber} is row {rows}, more than the limit of {maxSamples} samples.");

            var column = 0;
            foreach (var range in line.Split(','))
            {
                column++;
                values.Add(ParseCell(line[range].Trim(), lineNumber, column));
            }
        }
        if (rows == 0)
        {
            throw new DatasetFormatException(headerLine == 0
                ? $"{Name}: the text has no non-blank lines."
                : $"{Name}: line {headerLine} has no numbers, so it is the header, and no rows of numbers follow it.");
        }
        return new ParsedDataset(DatasetKind.Vectors, [columns], rows, [.. values], "csv");
    }

    private static bool IsHeader(ReadOnlySpan<char> line)
    {
        foreach (var range in line.Split(','))
        {
            if (IsNumber(line[range].Trim(), out _)) return false;
        }
        return true;
    }

    private static float ParseCell(ReadOnlySpan<char> cell, int line, int column)
    {
        if (IsNumber(cell, out var value) && float.IsFinite(value)) return value;
        var where = $"{Name}: line {line}, column {column}";
        if (cell.IsEmpty) throw new DatasetFormatException($"{where} is empty; every cell must hold a number.");
        if (!IsNumber(cell, out _))
        {
            var hint = cell.ContainsAny(';', '\t') ? " Only commas separate values." : "";
            throw new DatasetFormatException($"{where}: '{Excerpt(cell)}' is not a number.{hint}");
        }
        // float.Parse accepts "NaN" and "Infinity", and turns 1e39 into infinity without complaint.
        throw new DatasetFormatException($"{where}: '{Excerpt(cell)}' is NaN, infinite or beyond the float32 range.");
    }

    private static bool IsNumber(ReadOnlySpan<char> cell, out float value) =>
        float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static string Excerpt(ReadOnlySpan<char> cell) => cell.Length <= 40 ? cell.ToString() : $"{cell[..40]}…";
}
