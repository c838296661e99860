using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WganService.Domain.Persistence;

/// <summary>
/// One ASP.NET Core Data Protection key (the XML the key ring writes), so every Api replica and every restart
/// reads the same keys and accepts each other's session cookies. The Api reads and writes these rows through
/// the Data Protection package's own entity; the table is declared here so that it is created by the same
/// migrations (and the same <c>migrate</c> step) as every other table, and Domain needs no ASP.NET Core.
/// The shape is the package's <c>DataProtectionKey</c>: an identity key, a friendly name, the XML.
/// </summary>
public sealed class DataProtectionKeyRow
{
    /// <summary>The package's table name (its DbSet is called DataProtectionKeys).</summary>
    public const string Table = "DataProtectionKeys";

    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public string? Xml { get; set; }
}

internal sealed class DataProtectionKeyRowConfiguration : IEntityTypeConfiguration<DataProtectionKeyRow>
{
    public void Configure(EntityTypeBuilder<DataProtectionKeyRow> key) => key.ToTable(DataProtectionKeyRow.Table);
}
