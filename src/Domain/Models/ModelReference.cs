using System.Globalization;
using System.Text.RegularExpressions;

namespace WganService.Domain.Models;

/// <summary>What a client writes to name a model: "name" (its latest version) or "name:version".</summary>
public sealed partial record ModelReference(string Name, int? Version)
{
    public const string NameRule = "1 to 100 characters of a–z, 0–9, '.', '_' and '-', starting with a letter or digit";

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public static bool TryParse(string text, out ModelReference reference)
    {
        reference = null!;
        var colon = text.LastIndexOf(':');
        var name = colon < 0 ? text : text[..colon];
        int? version = null;
        if (colon >= 0)
        {
            if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1) return false;
            version = v;
        }
        if (!IsValidName(name)) return false;
        reference = new ModelReference(name, version);
        return true;
    }

    public override string ToString() => Version is { } v ? $"{Name}:{v.ToString(CultureInfo.InvariantCulture)}" : Name;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();
}
