namespace WganService.Api.Auth;

/// <summary>The names the authentication pieces find each other by.</summary>
public static class AuthSchemes
{
    /// <summary>A key in the X-Api-Key header: scripts, Swagger UI, other services.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>The session cookie the browser dashboard gets from POST /auth/session.</summary>
    public const string Cookie = "SessionCookie";

    /// <summary>The default scheme: ApiKey when the header is present, else the cookie.</summary>
    public const string ApiKeyOrCookie = "ApiKeyOrCookie";

    public const string HeaderName = "X-Api-Key";

    /// <summary>The policy every route gets unless it allows anonymous access (and the Hangfire dashboard by name).</summary>
    public const string ApiUserPolicy = "ApiUser";

    /// <summary>Which key a principal signed in with, so a session cookie dies with its key.</summary>
    public const string KeyIdClaim = "wgan:key_id";

    /// <summary>The tenant a principal acts for.</summary>
    public const string TenantClaim = "wgan:tenant";

    /// <summary>The role of admin keys: every tenant's resources, /hangfire and /metrics.</summary>
    public const string AdminRole = "admin";

    /// <summary>
    /// The policy of /hangfire and /metrics, which show every tenant's jobs: an admin, or anyone while the service is open.
    /// </summary>
    public const string AdminPolicy = "Admin";
}
