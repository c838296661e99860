namespace WganService.Api.Auth;

/// <summary>
/// 401 and 403 as ProblemDetails, for every scheme alike: an API never redirects to a login page,
/// and the WWW-Authenticate header tells a client which credential to send.
/// </summary>
internal static class AuthProblems
{
    /// <summary>The challenge value: the scheme and the header it reads.</summary>
    public const string Challenge = $"{AuthSchemes.ApiKey} header=\"{AuthSchemes.HeaderName}\"";

    public static Task WriteUnauthorizedAsync(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = Challenge;
        return WriteAsync(http, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    public static Task WriteForbiddenAsync(HttpContext http) =>
        WriteAsync(http, StatusCodes.Status403Forbidden, "Forbidden", "This key may not do that.");

    /// <summary>Why a request without valid credentials was refused, worded for what the caller sent.</summary>
    public static string MissingOrInvalid(HttpRequest request) => request.Headers.ContainsKey(AuthSchemes.HeaderName)
        ? $"The key in the {AuthSchemes.HeaderName} header is not valid."
        : $"This service requires an API key: send it in the {AuthSchemes.HeaderName} header, or sign in with POST /auth/session.";

    private static async Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
