using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;
using WganService.Domain.Persistence.Changes;

namespace WganService.Domain.Persistence;

public static class DatabaseRegistration
{
    /// <summary>
    /// PostgreSQL when a connection string is given (server mode), else a SQLite file (embedded mode).
    /// Either way code asks for <see cref="WganDbContext"/>, and every save that touches a job is
    /// signalled (NOTIFY across hosts on PostgreSQL, in-process on SQLite) for live event streams.
    /// </summary>
    public static IServiceCollection AddWganDatabase(this IServiceCollection services, string? postgres, string sqliteFile)
    {
        services.AddSingleton<JobChangeInterceptor>();
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            services.AddSingleton<IJobChangeNotifier, PostgresJobChangeNotifier>();
            return services.AddDbContext<WganDbContext, PostgresWganDbContext>((s, o) =>
                o.UseWganDatabase(postgres, sqliteFile).AddInterceptors(s.GetRequiredService<JobChangeInterceptor>()));
        }

        services.AddSingleton<InProcessJobChanges>();
        services.AddSingleton<IJobChangeNotifier>(s => s.GetRequiredService<InProcessJobChanges>());
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(sqliteFile))!);
        return services.AddDbContext<WganDbContext, SqliteWganDbContext>((s, o) =>
            o.UseWganDatabase(postgres, sqliteFile).AddInterceptors(s.GetRequiredService<JobChangeInterceptor>()));
    }

    /// <summary>
    /// The provider and connection of the mode, for <see cref="WganDbContext"/> and for any other context that reads
    /// the same database (the Api's Data Protection key store).
    /// </summary>
    public static DbContextOptionsBuilder UseWganDatabase(this DbContextOptionsBuilder options, string? postgres, string sqliteFile) =>
        string.IsNullOrWhiteSpace(postgres)
            ? options.UseSqlite($"Data Source={sqliteFile};Pooling=True;Default Timeout=30")
            : options.UseNpgsql(postgres);

    /// <summary>Applies pending migrations; SQLite also switches to WAL so readers never block the trainer.</summary>
    public static async Task MigrateAsync(this WganDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}

/// <summary>Lets `dotnet ef migrations add … --context PostgresWganDbContext` run without a host.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWganDbContext>
{
    public PostgresWganDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresWganDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWganDbContext>
{
    public SqliteWganDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteWganDbContext>().UseSqlite("Data Source=design.db").Options);
}
