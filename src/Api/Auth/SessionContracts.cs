namespace WganService.Api.Auth;

public sealed record SessionRequest
{
    /// <summary>The API key to open a browser session with.</summary>
    public string? ApiKey { get; init; }
}

/// <param name="Name">The signed-in caller's name, or null when anonymous.</param>
/// <param name="AuthenticationRequired">False when no keys are configured: everything is open.</param>
public sealed record SessionResponse(string? Name, bool AuthenticationRequired);
