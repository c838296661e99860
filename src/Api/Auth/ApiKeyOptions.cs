namespace WganService.Api.Auth;

/// <summary>
/// Auth:ApiKeys: who may call the service. Only SHA-256 hashes are configured, never keys, so a
/// leaked configuration file does not leak access. No keys at all leaves the service open.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Auth";

    public IList<ConfiguredApiKey> ApiKeys { get; } = [];
}

public sealed class ConfiguredApiKey
{
    /// <summary>Who holds the key: the name the service knows the caller by (claims, logs, GET /auth/session).</summary>
    public string Name { get; set; } = "";

    /// <summary>The key's SHA-256 as 64 hexadecimal digits: <c>printf %s "$KEY" | sha256sum</c>.</summary>
    public string Sha256 { get; set; } = "";
}
