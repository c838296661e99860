using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WganService.Api.Auth;

/// <summary>
/// Browser sign-in: the dashboard trades an API key for an HttpOnly cookie, so the key never has to
/// live in page script or storage. Anonymous by design: it is how a caller becomes authenticated.
/// </summary>
public static class SessionApi
{
    public static RouteGroupBuilder MapSessionApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/auth/session").WithTags("Authentication").AllowAnonymous();
        group.MapPost("/", SignIn).WithName("openSession").WithSummary("Open a browser session (a cookie) with an API key")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", Get).WithName("getSession").WithSummary("Who is signed in, and whether the service requires a key at all");
        // As a Delegate: a bare (HttpContext) => Task<T> method would bind as a RequestDelegate and drop its result.
        group.MapDelete("/", (Delegate)SignOut).WithName("closeSession").WithSummary("End the browser session");
        return group;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SignIn(
        SessionRequest? request, HttpContext http, IApiKeyStore keys, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request?.ApiKey))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["apiKey"] = ["is required."] });
        }

        var key = await keys.FindAsync(request.ApiKey, cancellationToken);
        if (key is null)
        {
            http.Response.Headers.WWWAuthenticate = AuthProblems.Challenge;
            return TypedResults.Problem("The API key matches no configured key.", statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized");
        }

        // Not persistent: the session ends with the browser (or after the cookie's lifetime).
        await http.SignInAsync(AuthSchemes.Cookie, key.ToPrincipal(AuthSchemes.Cookie),
            new AuthenticationProperties { IsPersistent = false });
        return TypedResults.NoContent();
    }

    public static async Task<Ok<SessionResponse>> Get(ClaimsPrincipal user, IApiKeyStore keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SessionResponse(
            user.Identity?.IsAuthenticated == true ? user.Identity.Name : null,
            await keys.AnyAsync(cancellationToken)));

    public static async Task<NoContent> SignOut(HttpContext http)
    {
        await http.SignOutAsync(AuthSchemes.Cookie);
        return TypedResults.NoContent();
    }
}
