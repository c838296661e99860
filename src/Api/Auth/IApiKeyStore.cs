using System.Security.Claims;

namespace WganService.Api.Auth;

/// <summary>
/// Where keys are looked up. Configuration today (<see cref="ConfiguredApiKeyStore"/>); a database
/// of tenants' keys later, which is why every call is asynchronous.
/// </summary>
public interface IApiKeyStore
{
    /// <summary>The key a caller presented, or null when it matches none.</summary>
    ValueTask<ApiKeyIdentity?> FindAsync(string presentedKey, CancellationToken cancellationToken);

    /// <summary>
    /// A key found earlier, as it is configured now, or null once it is revoked: a session cookie
    /// names its key, so revoking the key ends the session and a changed tenant or admin flag applies to it.
    /// </summary>
    ValueTask<ApiKeyIdentity?> FindByIdAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>Whether any key exists. With none the service is open: nobody could sign in.</summary>
    ValueTask<bool> AnyAsync(CancellationToken cancellationToken);
}

/// <summary>
/// A matched key: a stable id (never the key or its whole hash), its holder's name, its tenant and whether it is an admin's.
/// </summary>
public sealed record ApiKeyIdentity(string KeyId, string Name, string Tenant, bool IsAdmin)
{
    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        List<Claim> claims = [new(ClaimTypes.Name, Name), new(AuthSchemes.KeyIdClaim, KeyId), new(AuthSchemes.TenantClaim, Tenant)];
        if (IsAdmin) claims.Add(new Claim(ClaimTypes.Role, AuthSchemes.AdminRole));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    /// <summary>Whether a principal made from this identity earlier still says the same (a cookie outlives configuration edits).</summary>
    public bool Matches(ClaimsPrincipal principal) =>
        principal.Identity?.Name == Name
        && principal.FindFirst(AuthSchemes.TenantClaim)?.Value == Tenant
        && principal.IsInRole(AuthSchemes.AdminRole) == IsAdmin;
}
