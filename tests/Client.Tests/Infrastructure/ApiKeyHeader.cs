using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace WganService.Client.Tests.Infrastructure;

/// <summary>
/// Sends the key in X-Api-Key. Kiota's own ApiKeyAuthenticationProvider does the same but only over
/// https, and the in-process test server speaks http.
/// </summary>
internal sealed class ApiKeyHeader(string key) : IAuthenticationProvider
{
    public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default)
    {
        request.Headers.Add("X-Api-Key", key);
        return Task.CompletedTask;
    }
}
