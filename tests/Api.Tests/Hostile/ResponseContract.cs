using System.Net.Http.Headers;
using System.Text.Json;

namespace WganService.Api.Tests.Hostile;

/// <summary>
/// What every answer to a malformed request must be: never a 5xx; any 4xx an RFC 9457 problem with
/// its status and a title; a 400 also names at least one field and the rule it broke.
/// </summary>
internal static class ResponseContract
{
    /// <returns>What is wrong with the response, or null when it keeps the contract.</returns>
    public static string? Violation(int status, MediaTypeHeaderValue? contentType, string body)
    {
        if (status >= 500) return $"{status}: {Excerpt(body)}";
        if (status < 400) return null;
        if (contentType?.MediaType != "application/problem+json") return $"{status} with content type '{contentType}': {Excerpt(body)}";
        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return $"{status} whose body is not JSON: {Excerpt(body)}";
        }
        if (!problem.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != status)
            return $"{status} whose problem has no matching status: {Excerpt(body)}";
        if (!problem.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
            return $"{status} whose problem has no title: {Excerpt(body)}";
        if (status == 400 && !NamesAField(problem)) return $"400 that names no field: {Excerpt(body)}";
        return null;
    }

    private static bool NamesAField(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
        && errors.EnumerateObject().Any()
        && errors.EnumerateObject().All(e => e.Name.Length > 0 && e.Value.ValueKind == JsonValueKind.Array
            && e.Value.EnumerateArray().Any(rule => !string.IsNullOrWhiteSpace(rule.GetString())));

    private static string Excerpt(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
