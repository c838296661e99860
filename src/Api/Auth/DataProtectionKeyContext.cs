using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WganService.Domain.Persistence;

namespace WganService.Api.Auth;

/// <summary>
/// The Data Protection key ring's view of the service's database: the package's own entity on the table that
/// <see cref="DataProtectionKeyRow"/> declares. The table belongs to <see cref="WganDbContext"/>'s migrations,
/// so this context never creates or migrates anything, and Domain (shared with the Worker) needs no ASP.NET Core.
/// </summary>
internal sealed class DataProtectionKeyContext(DbContextOptions<DataProtectionKeyContext> options)
    : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<DataProtectionKey>().ToTable(DataProtectionKeyRow.Table, t => t.ExcludeFromMigrations());
}
