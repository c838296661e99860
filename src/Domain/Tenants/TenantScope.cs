namespace WganService.Domain.Tenants;

/// <summary>
/// Whose rows a caller may see: its own tenant's, or every tenant's for an admin. Passed to each
/// query explicitly (never ambient), so a query that forgets it does not compile against a tenant
/// method and a worker, which serves every tenant, needs none.
/// </summary>
/// <param name="Tenant">The tenant the caller acts as: what it creates belongs to this tenant.</param>
/// <param name="SeesAll">An admin: reads and acts on every tenant's rows.</param>
public sealed record TenantScope(string Tenant, bool SeesAll)
{
    /// <summary>
    /// The tenant of everything created while no keys are configured (the open embedded default), and
    /// of every row that existed before tenants did (the AddTenants migration).
    /// </summary>
    public const string DefaultTenant = "default";

    /// <summary>The longest tenant name a column holds.</summary>
    public const int MaxTenantLength = 100;

    /// <summary>The caller of an open service: the default tenant, not an admin.</summary>
    public static readonly TenantScope Open = new(DefaultTenant, SeesAll: false);

    public bool CanSee(string owner) => SeesAll || owner == Tenant;
}
