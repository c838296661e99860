using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace WganService.Api.Auth;

/// <summary>
/// The session cookie behaves like an API credential: refusals are 401/403 ProblemDetails, never
/// redirects to a login page, and a session ends as soon as the key it was opened with is revoked.
/// </summary>
internal sealed class SessionCookieEvents(IApiKeyStore keys) : CookieAuthenticationEvents
{
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        AuthProblems.WriteUnauthorizedAsync(context.HttpContext, AuthProblems.MissingOrInvalid(context.Request));

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        AuthProblems.WriteForbiddenAsync(context.HttpContext);

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var keyId = context.Principal?.FindFirst(AuthSchemes.KeyIdClaim)?.Value;
        var key = keyId is null ? null : await keys.FindByIdAsync(keyId, context.HttpContext.RequestAborted);
        if (key is not null)
        {
            // The key's tenant or admin flag may have been edited since sign-in: the session follows the configuration.
            if (!key.Matches(context.Principal!))
            {
                context.ReplacePrincipal(key.ToPrincipal(AuthSchemes.Cookie));
                context.ShouldRenew = true;
            }
            return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
    }
}
