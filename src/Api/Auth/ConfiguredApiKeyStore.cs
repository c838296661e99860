using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WganService.Api.Auth;

/// <summary>
/// Keys from Auth:ApiKeys. Follows configuration reloads, so a key can be added or revoked without
/// a restart (sessions signed in with a revoked key end at their next request).
/// </summary>
internal sealed class ConfiguredApiKeyStore(IOptionsMonitor<ApiKeyOptions> options) : IApiKeyStore
{
    private Snapshot? _snapshot;

    public ValueTask<ApiKeyIdentity?> FindAsync(string presentedKey, CancellationToken cancellationToken)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey), hash);
        ApiKeyIdentity? found = null;
        // Every entry is compared, in constant time, so the response time says nothing about the hashes.
        foreach (var key in Current().Keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash)) found = key.Identity;
        }

        return ValueTask.FromResult(found);
    }

    public ValueTask<ApiKeyIdentity?> FindByIdAsync(string keyId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Current().Keys.FirstOrDefault(k => k.Identity.KeyId == keyId)?.Identity);

    public ValueTask<bool> AnyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Current().Keys.Length > 0);

    /// <summary>The parsed keys of the current configuration, parsed again only after a reload.</summary>
    private Snapshot Current()
    {
        var current = options.CurrentValue;
        var snapshot = _snapshot;
        if (snapshot is null || !ReferenceEquals(snapshot.Source, current)) _snapshot = snapshot = new Snapshot(current);
        return snapshot;
    }

    private sealed class Snapshot(ApiKeyOptions source)
    {
        public ApiKeyOptions Source { get; } = source;

        public StoredKey[] Keys { get; } = [.. source.ApiKeys.Select(k => new StoredKey(
            Convert.FromHexString(k.Sha256),
            // The first 16 hex digits of the hash: enough to tell keys apart, and safe in a cookie.
            new ApiKeyIdentity(k.Sha256[..16].ToLowerInvariant(), k.Name, k.EffectiveTenant, k.Admin)))];
    }

    private sealed record StoredKey(byte[] Hash, ApiKeyIdentity Identity);
}
