using System.Net;
using System.Text.Json;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>Asserts that a response is an RFC 9457 problem with the expected status (and field).</summary>
public static class Problem
{
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            var errors = problem.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var rules), $"No error for '{field}' in {body}");
            Assert.Contains(rules.EnumerateArray(), r => !string.IsNullOrWhiteSpace(r.GetString()));
        }
        return problem;
    }
}
