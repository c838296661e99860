using Microsoft.AspNetCore.Authorization;

namespace WganService.Api.Auth;

/// <summary>An authenticated caller, but only while at least one key exists: with none the service is open.</summary>
public sealed class ApiUserRequirement : IAuthorizationRequirement;

/// <summary>
/// Asks the key store on each request rather than deciding at start-up, so adding the first key
/// (a configuration reload now, a database row later) closes the service without a restart.
/// </summary>
internal sealed class ApiUserRequirementHandler(IApiKeyStore keys) : AuthorizationHandler<ApiUserRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiUserRequirement requirement)
    {
        var cancellationToken = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;
        if (context.User.Identity?.IsAuthenticated == true || !await keys.AnyAsync(cancellationToken)) context.Succeed(requirement);
    }
}
