using System.Security.Cryptography;
using System.Text;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>Configures keys the way an operator would: a name and the key's SHA-256, never the key.</summary>
public static class ApiKeys
{
    /// <summary>A key entry; with keys configured, auth is no longer disabled (the two contradict each other).</summary>
    public static WganApiFactory WithApiKey(this WganApiFactory factory, string name, string key, int index = 0, string? tenant = null,
        bool admin = false)
    {
        factory.Settings.Remove("Auth:Disabled");
        factory.Settings[$"Auth:ApiKeys:{index}:Name"] = name;
        factory.Settings[$"Auth:ApiKeys:{index}:Sha256"] = Sha256Hex(key);
        if (tenant is not null) factory.Settings[$"Auth:ApiKeys:{index}:Tenant"] = tenant;
        if (admin) factory.Settings[$"Auth:ApiKeys:{index}:Admin"] = "true";
        return factory;
    }

    /// <summary>What <c>printf %s "$KEY" | sha256sum</c> prints.</summary>
    public static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static HttpRequestMessage Get(string path, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        // Without validation: an empty key must reach the server as sent.
        if (key is not null) request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        return request;
    }
}
