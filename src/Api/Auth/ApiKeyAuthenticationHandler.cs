using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace WganService.Api.Auth;

/// <summary>Authenticates the key in the X-Api-Key header; challenges with a 401 ProblemDetails.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AuthSchemes.HeaderName, out var values)) return AuthenticateResult.NoResult();
        // A header that is present but empty or repeated is a wrong key, not an anonymous request.
        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
            return AuthenticateResult.Fail($"{AuthSchemes.HeaderName} must hold one key.");

        var key = await keys.FindAsync(values[0]!, Context.RequestAborted);
        return key is null
            ? AuthenticateResult.Fail("The API key matches no configured key.")
            : AuthenticateResult.Success(new AuthenticationTicket(key.ToPrincipal(Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteUnauthorizedAsync(Context, AuthProblems.MissingOrInvalid(Request));

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthProblems.WriteForbiddenAsync(Context);
}
