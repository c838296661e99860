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

    /// <summary>Whether a key found earlier still exists (a session cookie names its key; revoking the key ends the session).</summary>
    ValueTask<bool> IsActiveAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>Whether any key exists. With none the service is open: nobody could sign in.</summary>
    ValueTask<bool> AnyAsync(CancellationToken cancellationToken);
}

/// <summary>A matched key: a stable id (never the key or its whole hash) and its holder's name.</summary>
public sealed record ApiKeyIdentity(string KeyId, string Name)
{
    public ClaimsPrincipal ToPrincipal(string authenticationType) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, Name), new Claim(AuthSchemes.KeyIdClaim, KeyId)], authenticationType));
}
