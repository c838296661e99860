using System.Globalization;
using Microsoft.Extensions.Options;
using WganService.Domain.Tenants;

namespace WganService.Api.Auth;

/// <summary>Refuses to start with a key entry that could never match, or that two callers share, naming the entry.</summary>
internal sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var problems = new List<string>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var hashes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"{ApiKeyOptions.Section}:ApiKeys:{i}");
            if (string.IsNullOrWhiteSpace(key.Name)) problems.Add($"{path}:Name is required.");
            else if (!names.TryAdd(key.Name, i)) problems.Add($"{path}:Name '{key.Name}' is also the name of entry {names[key.Name]}.");
            else if (TenantProblem(key.EffectiveTenant) is { } rule)
            {
                problems.Add(string.IsNullOrEmpty(key.Tenant)
                    ? $"{path}:Tenant is not set, so it would be the Name '{key.Name}', which {rule}; set Tenant explicitly."
                    : $"{path}:Tenant '{key.Tenant}' {rule}.");
            }

            if (!IsSha256Hex(key.Sha256))
            {
                problems.Add($"{path}:Sha256 must be 64 hexadecimal digits: " +
                    $"the SHA-256 of the key (printf %s \"$KEY\" | sha256sum), never the key itself.");
            }
            else if (!hashes.TryAdd(key.Sha256, i))
            {
                // One key under two names would make the caller's name depend on the entry order.
                problems.Add($"{path}:Sha256 is the same key as entry {hashes[key.Sha256]}.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>
    /// Tenants are compared exactly and written into cache keys ("model/{tenant}/…"), so no '/', no
    /// surrounding or control whitespace, and no more than a column holds.
    /// </summary>
    private static string? TenantProblem(string tenant) =>
        tenant.Length > TenantScope.MaxTenantLength ? $"is longer than {TenantScope.MaxTenantLength} characters"
        : tenant.Contains('/', StringComparison.Ordinal) ? "contains '/'"
        : tenant.Trim() != tenant || tenant.Any(char.IsControl) ? "has surrounding spaces or control characters"
        : null;

    private static bool IsSha256Hex(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);
}
