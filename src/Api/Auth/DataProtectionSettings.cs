namespace WganService.Api.Auth;

/// <summary>Bound from the "DataProtection" configuration section.</summary>
public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    /// <summary>
    /// Isolates this service's keys from other applications' and must be the same on every Api replica: ASP.NET Core's
    /// default is the content root path, which differs between hosts and images, and would make one replica's
    /// cookies unreadable to another even with shared keys.
    /// </summary>
    public string ApplicationName { get; set; } = "WganService";
}
