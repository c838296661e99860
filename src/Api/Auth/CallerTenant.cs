using System.Security.Claims;
using WganService.Domain.Tenants;

namespace WganService.Api.Auth;

/// <summary>The <see cref="TenantScope"/> of the caller of a request, for handlers to pass to their queries.</summary>
public static class CallerTenant
{
    /// <summary>
    /// An authenticated caller's key decides; an anonymous one is only let through while the service
    /// is open, and then acts as the default tenant (not as an admin: opening a service that once had
    /// keys must not hand every tenant's data to anyone).
    /// </summary>
    public static TenantScope From(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirst(AuthSchemes.TenantClaim)?.Value is { } tenant
            ? new TenantScope(tenant, user.IsInRole(AuthSchemes.AdminRole))
            : TenantScope.Open;
}
