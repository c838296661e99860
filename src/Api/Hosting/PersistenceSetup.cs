using WganService.Api.Deployment;
using WganService.Domain.Persistence;

namespace WganService.Api.Hosting;

public static class PersistenceSetup
{
    public static ServiceMode AddWganPersistence(this WebApplicationBuilder builder)
    {
        var mode = ServiceMode.FromConfiguration(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(mode);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddWganDatabase(mode.PostgresConnectionString, mode.SqliteFile);
        builder.Services.AddHealthChecks().AddDbContextCheck<WganDbContext>("database", tags: ["ready"]);
        return mode;
    }

    /// <summary>The Api owns the schema: it migrates at start-up, workers never do.</summary>
    public static async Task MigrateWganDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WganDbContext>().MigrateAsync(app.Lifetime.ApplicationStopping);
    }

    /// <summary>
    /// <c>Database:MigrateOnly=true</c>: applies the migrations and says true, and the Api exits 0
    /// without serving, so a deployment migrates once, in one step, before any Api or worker starts
    /// (the compose file's <c>migrate</c> service). Called before the pipeline is built, so that step
    /// needs only the connection string: no keys, no listening address.
    /// </summary>
    public static async Task<bool> MigrateOnlyAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Database:MigrateOnly", false)) return false;
        await app.MigrateWganDatabaseAsync();
        return true;
    }
}
