using Microsoft.AspNetCore.Http.HttpResults;
using WganService.Domain.Tenants;

namespace WganService.Api.Auth;

/// <summary>
/// Which tenant's model names a request means. Names are unique per tenant, so an admin, who sees
/// every tenant, says whose "digits" it means with ?tenant=; without it, its own tenant's.
/// </summary>
internal static class ModelNamespace
{
    public const string Parameter = "tenant";

    /// <returns>The tenant, or a 400 for a non-admin naming another tenant (a rule about the key, not about any model, so nothing
    /// leaks).</returns>
    public static (string? Tenant, ValidationProblem? Problem) Resolve(TenantScope caller, string? requested)
    {
        if (requested is null || requested == caller.Tenant || caller.SeesAll) return (requested ?? caller.Tenant, null);
        return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            [Parameter] = ["may name another tenant only with an admin key; leave it out for your own models."],
        }));
    }
}
