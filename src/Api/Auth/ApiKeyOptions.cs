namespace WganService.Api.Auth;

/// <summary>
/// Auth: who may call the service. Only SHA-256 hashes are configured, never keys, so a leaked
/// configuration file does not leak access. No keys at all leaves the service open, which only
/// embedded mode on localhost allows unless <see cref="Disabled"/> says so explicitly.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Auth";

    public IList<ConfiguredApiKey> ApiKeys { get; } = [];

    /// <summary>
    /// Run without keys on purpose: lets server mode, or embedded mode on a non-loopback address,
    /// start open. An explicit switch, so a forgotten key list never silently opens a server.
    /// </summary>
    public bool Disabled { get; set; }
}

public sealed class ConfiguredApiKey
{
    /// <summary>Who holds the key: the name the service knows the caller by (claims, logs, GET /auth/session).</summary>
    public string Name { get; set; } = "";

    /// <summary>The key's SHA-256 as 64 hexadecimal digits: <c>printf %s "$KEY" | sha256sum</c>.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>
    /// The tenant the key acts for: it sees and creates that tenant's jobs, datasets and models.
    /// Omitted, it is the key's <see cref="Name"/>, so each key is its own tenant; several keys
    /// naming one tenant share its resources.
    /// </summary>
    public string? Tenant { get; set; }

    /// <summary>Sees and acts on every tenant's resources, and may open /hangfire and /metrics.</summary>
    public bool Admin { get; set; }

    /// <summary>The tenant this key acts for, with the default applied.</summary>
    public string EffectiveTenant => string.IsNullOrEmpty(Tenant) ? Name : Tenant;
}
