using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WganService.Api.Auth;
using WganService.Api.Deployment;
using WganService.Domain.Persistence;

namespace WganService.Api.Hosting;

/// <summary>
/// The keys that protect session cookies live in the service's database (SQLite or PostgreSQL), not in the
/// default per-user folder: a restarted container, or a second Api replica, reads the same keys and accepts
/// the cookies the others issued. They are stored unencrypted, like every other row: whoever can read the
/// database can forge sessions, so the database is the secret to guard (README, "Session keys").
/// </summary>
public static class DataProtectionSetup
{
    public static void AddWganDataProtection(this WebApplicationBuilder builder, ServiceMode mode)
    {
        var services = builder.Services;
        services.AddOptions<DataProtectionSettings>().BindConfiguration(DataProtectionSettings.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApplicationName), "DataProtection:ApplicationName cannot be empty.")
            .ValidateOnStart();
        services.AddDbContext<DataProtectionKeyContext>(o => o.UseWganDatabase(mode.PostgresConnectionString, mode.SqliteFile));
        services.AddDataProtection().PersistKeysToDbContext<DataProtectionKeyContext>();
        // SetApplicationName, with the bound value.
        services.AddOptions<DataProtectionOptions>().Configure<IOptions<DataProtectionSettings>>(
            (options, settings) => options.ApplicationDiscriminator = settings.Value.ApplicationName);
    }
}
