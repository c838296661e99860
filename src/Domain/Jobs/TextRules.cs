namespace WganService.Domain.Jobs;

/// <summary>
/// What stored free text may hold. PostgreSQL refuses a NUL in text outright (a 500 if it got that far,
/// where SQLite stores it), and control characters in a name only make it unreadable in lists and logs.
/// </summary>
public static class TextRules
{
    public const string NoControlCharacters = "must not contain control characters.";

    /// <summary>Names and keys: one line of printable text.</summary>
    public static bool IsPlainLine(string text) => !text.Any(char.IsControl);

    /// <summary>Descriptions: several lines and tabs are fine, other control characters are not.</summary>
    public static bool IsPlainText(string text) => !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
}
