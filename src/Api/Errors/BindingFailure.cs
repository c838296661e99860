using System.Text.RegularExpressions;

namespace WganService.Api.Errors;

/// <summary>
/// Names the field behind a minimal-API binding failure. The framework refuses a query value that is
/// not of the parameter's type, or a missing body, before any handler runs, and says so only in the
/// exception's message; its wording comes from one place in ASP.NET Core (RequestDelegateFactory), so
/// reading it here keeps <c>limit=abc</c> a 400 that names <c>limit</c> like every other validation error.
/// </summary>
internal static partial class BindingFailure
{
    /// <returns>The field and the rule it broke, or null when the message is not one of the binder's.</returns>
    public static (string Field, string Rule)? Describe(BadHttpRequestException exception)
    {
        var message = exception.Message;
        if (FailedToBind().Match(message) is { Success: true } bind)
        {
            var value = bind.Groups["value"].Value;
            var rule = $"must be {Expected(bind.Groups["type"].Value)}";
            // Repeated keys arrive joined by commas (limit=1&limit=2 → "1,2").
            return (bind.Groups["name"].Value, value.Contains(',', StringComparison.Ordinal) ? $"{rule}, given once." : $"{rule}.");
        }
        if (MissingBody().IsMatch(message)) return ("$", "is required: send a JSON object.");
        if (MissingValue().Match(message) is { Success: true } missing) return (missing.Groups["name"].Value, "is required.");
        return null;
    }

    private static string Expected(string clrType) => clrType.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>') switch
    {
        "int" or "Int32" => "a whole number from -2147483648 to 2147483647",
        "long" or "Int64" => "a whole number",
        "double" or "Double" => "a number",
        "Guid" => "a GUID",
        "bool" or "Boolean" => "true or false",
        var other => $"a value of type {other}",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^ "]+) (?<name>[^"]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex(
        """^(Implicit body inferred for parameter "[^"]+" but no body was provided""" +
        """|Required parameter "[^"]+" was not provided from body)""")]
    private static partial Regex MissingBody();

    [GeneratedRegex("""^Required parameter "[^ "]+ (?<name>[^"]+)" was not provided""")]
    private static partial Regex MissingValue();
}
