using Microsoft.AspNetCore.Authorization;

namespace WganService.Api.Auth;

/// <summary>
/// An admin key, but only while at least one key exists: with none the service is open. For the
/// routes that show every tenant's jobs at once (/hangfire, /metrics), which no tenant filter narrows.
/// </summary>
public sealed class AdminRequirement : IAuthorizationRequirement;

/// <summary>
/// An authenticated non-admin caller is refused with a 403: unlike a tenant's resources, these routes
/// are the same for everyone, so saying they exist leaks nothing.
/// </summary>
internal sealed class AdminRequirementHandler(IApiKeyStore keys) : AuthorizationHandler<AdminRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
    {
        var cancellationToken = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;
        if (context.User.IsInRole(AuthSchemes.AdminRole) || !await keys.AnyAsync(cancellationToken)) context.Succeed(requirement);
    }
}
