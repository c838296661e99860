using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WganService.Api.Datasets;
using WganService.Api.Models;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Persistence;
using WganService.Domain.Tenants;

namespace WganService.Api.Tests.Tenants;

/// <summary>
/// A database from before tenants (migrated up to ModelRegistry, with rows in it) upgraded by the Api
/// at start-up: its rows land in the default tenant, which is who an open service acts as, so nothing disappears.
/// </summary>
[Collection("postgres")]
public sealed class AddTenantsMigrationTests(PostgresServer postgres)
{
    private const string BeforeTenantsSqlite = "20261124205042_ModelRegistry";
    private const string BeforeTenantsPostgres = "20261124205032_ModelRegistry";
    private static readonly Guid OldDataset = Guid.Parse("0196a2b4-0000-7000-8000-000000000001");

    [Theory, BothStorages]
    public async Task RowsFromBeforeTenants_BelongToTheDefaultTenant(Storage storage)
    {
        await using var factory = storage == Storage.Sqlite ? await SqliteBeforeTenantsAsync() : await PostgresBeforeTenantsAsync();
        using var client = factory.CreateClient();
        var datasets = (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<DatasetListResponse>(client, "/datasets",
            ApiClient.Json))!;
        var models = (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<ModelListResponse>(client, "/models",
            ApiClient.Json))!;

        // Open (no keys), so the caller is the default tenant: it sees the old rows, marked as the default tenant's.
        Assert.Equal(TenantScope.DefaultTenant, datasets.Items.Single(d => d.Id == OldDataset.ToString()).Tenant);
        Assert.Equal((TenantScope.DefaultTenant, "old-model"), models.Items.Select(m => (m.Tenant, m.Name)).Single());
    }

    /// <summary>An embedded Api over a SQLite file migrated up to ModelRegistry, holding a dataset and a model.</summary>
    private static async Task<WganApiFactory> SqliteBeforeTenantsAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("wgan-migrate-").FullName;
        var options = new DbContextOptionsBuilder<SqliteWganDbContext>()
            .UseSqlite($"Data Source={Path.Combine(dataDirectory, "wgan.db")};Pooling=False").Options;
        await using (var db = new SqliteWganDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeTenantsSqlite);
            // EF keeps SQLite GUIDs as upper-case text.
            await db.Database.ExecuteSqlAsync(
                $"""
                    INSERT INTO "Datasets" ("Id","Name","Kind","SampleShape","Count","Format","CreatedAt")
                    VALUES ({OldDataset.ToString().ToUpperInvariant()},'old','Vectors','[2]',0,'csv',0)
                    """);
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "Models" ("Name","LastVersion","CreatedAt") VALUES ('old-model',0,0)""");
        }

        return WganApiFactory.Embedded(dataDirectory);
    }

    /// <summary>A server-mode Api over a PostgreSQL database migrated up to ModelRegistry, holding a dataset and a model.</summary>
    private async Task<WganApiFactory> PostgresBeforeTenantsAsync()
    {
        var connection = await postgres.CreateDatabaseAsync();
        await using (var db = new PostgresWganDbContext(new DbContextOptionsBuilder<PostgresWganDbContext>().UseNpgsql(connection).Options))
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeTenantsPostgres);
            await db.Database.ExecuteSqlAsync(
                $$"""
                    INSERT INTO "Datasets" ("Id","Name","Kind","SampleShape","Count","Format","CreatedAt")
                    VALUES ({{OldDataset}},'old','Vectors','{2}',0,'csv',now())
                    """);
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "Models" ("Name","LastVersion","CreatedAt") VALUES ('old-model',0,now())""");
        }

        return WganApiFactory.ServerMode(connection, trainInApi: false);
    }
}
