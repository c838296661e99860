using System.Net;

namespace WganService.Api.Deployment;

/// <summary>
/// Bound from the "ForwardedHeaders" configuration section: whether, and from which proxies, the Api believes
/// X-Forwarded-For (the client's address: rate limiting, logs) and X-Forwarded-Proto (https: the Secure cookie).
/// Off by default: a header believed from anyone lets every client pick its own rate-limit bucket.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>Proxy addresses to believe, besides loopback (ASP.NET Core's default: 127.0.0.0/8 and ::1).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks (CIDR, "172.16.0.0/12") to believe, besides loopback.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row may add to the headers: entries further back are ignored.</summary>
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<string> Problems()
    {
        for (var i = 0; i < KnownProxies.Length; i++)
            if (!IPAddress.TryParse(KnownProxies[i], out _))
                yield return $"{Section}:KnownProxies:{i} ('{KnownProxies[i]}') is not an IP address.";
        for (var i = 0; i < KnownNetworks.Length; i++)
            if (!IPNetwork.TryParse(KnownNetworks[i], out _))
                yield return $"{Section}:KnownNetworks:{i} ('{KnownNetworks[i]}') is not a network in CIDR notation (10.0.0.0/8).";
        if (ForwardLimit < 1) yield return $"{Section}:ForwardLimit must be at least 1.";
    }
}
