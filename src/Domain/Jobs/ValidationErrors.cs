namespace WganService.Domain.Jobs;

/// <summary>Field path → rules broken, in the shape of ProblemDetails' "errors" member.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string rule)
    {
        if (!_errors.TryGetValue(field, out var rules)) _errors[field] = rules = [];
        rules.Add(rule);
    }

    public void Range<T>(string field, T? value, T min, T max) where T : struct, IComparable<T>
    {
        if (value is { } v && (v.CompareTo(min) < 0 || v.CompareTo(max) > 0))
            Add(field, $"must be between {min} and {max}.");
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
