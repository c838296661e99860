using System.Security.Cryptography;
using System.Text;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>Configures keys the way an operator would: a name and the key's SHA-256, never the key.</summary>
public static class ApiKeys
{
    public static WganApiFactory WithApiKey(this WganApiFactory factory, string name, string key, int index = 0)
    {
        factory.Settings[$"Auth:ApiKeys:{index}:Name"] = name;
        factory.Settings[$"Auth:ApiKeys:{index}:Sha256"] = Sha256Hex(key);
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
