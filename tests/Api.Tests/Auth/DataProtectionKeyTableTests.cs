using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using WganService.Api.Auth;
using WganService.Domain.Persistence;

namespace WganService.Api.Tests.Auth;

/// <summary>
/// Two mappings of one table: WganDbContext's migrations create DataProtectionKeys, and the key ring reads and
/// writes it through the Data Protection package's entity. They must name the same table, columns and types.
/// </summary>
public sealed class DataProtectionKeyTableTests
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public void KeyRingContext_MapsTheTableTheMigrationsCreate(string provider)
    {
        using var service = provider == "postgres"
            ? (DbContext)new PostgresWganDbContext(Options<PostgresWganDbContext>(provider))
            : new SqliteWganDbContext(Options<SqliteWganDbContext>(provider));
        using var keyRing = new DataProtectionKeyContext(Options<DataProtectionKeyContext>(provider));

        var migrated = Columns(service, typeof(DataProtectionKeyRow));
        var used = Columns(keyRing, typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey));

        Assert.Equal(["FriendlyName", "Id", "Xml"], migrated.Select(c => c.Split(' ')[0]));
        Assert.Equal(migrated, used);
    }

    private static DbContextOptions<T> Options<T>(string provider) where T : DbContext
    {
        var options = new DbContextOptionsBuilder<T>();
        return (provider == "postgres" ? options.UseNpgsql("Host=design") : options.UseSqlite("Data Source=design.db")).Options;
    }

    /// <summary>"Column type nullable key" for each column of the entity's table, by name.</summary>
    private static List<string> Columns(DbContext context, Type entity)
    {
        var type = context.GetService<IDesignTimeModel>().Model.FindEntityType(entity)!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        Assert.Equal(DataProtectionKeyRow.Table, type.GetTableName());
        return [.. type.GetProperties()
            .Select(p => $"{p.GetColumnName(table)} {p.GetColumnType()} {p.IsNullable} {p.IsPrimaryKey()}")
            .Order(StringComparer.Ordinal)];
    }
}
