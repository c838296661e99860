using System.Net;

namespace WganService.Api.Deployment;

/// <summary>
/// Where Kestrel will listen, read from the same settings it reads (urls / --urls / ASPNETCORE_URLS,
/// ASPNETCORE_HTTP_PORTS and HTTPS_PORTS, Kestrel:Endpoints), before it starts, so an open service
/// can be refused before it is reachable rather than after.
/// </summary>
public sealed record ListenAddresses(IReadOnlyList<string> Configured)
{
    /// <summary>
    /// Where embedded mode listens when nothing is configured: this machine only (the port README and launchSettings name).
    /// </summary>
    public const string EmbeddedDefault = "http://localhost:5080";

    public static ListenAddresses FromConfiguration(IConfiguration configuration)
    {
        var urls = new List<string>();
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
            if (endpoint["Url"] is { Length: > 0 } url) urls.Add(url);
        // Kestrel ignores urls and ports when endpoints are configured.
        if (urls.Count > 0) return new ListenAddresses(urls);
        urls.AddRange(Split(configuration["urls"]));
        if (urls.Count > 0) return new ListenAddresses(urls);
        // HTTP_PORTS (set by the official container images) listens on every interface.
        urls.AddRange(Split(configuration["http_ports"]).Select(p => $"http://*:{p}"));
        urls.AddRange(Split(configuration["https_ports"]).Select(p => $"https://*:{p}"));
        return new ListenAddresses(urls);
    }

    public bool IsEmpty => Configured.Count == 0;

    /// <summary>
    /// The addresses another machine could reach: anything but localhost and loopback IPs ("*", "+", 0.0.0.0, a host name…).
    /// </summary>
    public IReadOnlyList<string> Reachable => [.. Configured.Where(u => !IsLoopback(u))];

    private static bool IsLoopback(string url)
    {
        var host = HostOf(url);
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>The host of "scheme://host:port/path"; Uri refuses Kestrel's "*" and "+" wildcards, so this is by hand.</summary>
    private static string HostOf(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        if (rest.StartsWith('[')) return rest[1..Math.Max(1, rest.IndexOf(']', StringComparison.Ordinal))];
        var end = rest.IndexOfAny([':', '/']);
        return end < 0 ? rest : rest[..end];
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
