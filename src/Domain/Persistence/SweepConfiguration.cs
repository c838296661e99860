using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WganService.Domain.Jobs;
using WganService.Domain.Sweeps;

namespace WganService.Domain.Persistence;

internal sealed class SweepConfiguration : IEntityTypeConfiguration<Sweep>
{
    // Enums by name, so the stored JSON reads without the code and survives reordered members.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Configure(EntityTypeBuilder<Sweep> sweep)
    {
        sweep.HasKey(s => s.Id);
        sweep.Property(s => s.Id).ValueGeneratedNever();
        sweep.Property(s => s.Tenant).HasMaxLength(Tenants.TenantScope.MaxTenantLength);
        sweep.Property(s => s.Name).HasMaxLength(JobSpecResolver.MaxNameLength);
        sweep.Property(s => s.Dataset).HasMaxLength(100);
        // Read whole and never queried into: JSON text on both providers rather than tables of their own.
        sweep.Property(s => s.BaseHyperparameters).HasConversion(
            h => JsonSerializer.Serialize(h, Json), s => JsonSerializer.Deserialize<HyperparameterSpec>(s, Json)!,
            new ValueComparer<HyperparameterSpec>((a, b) => a == b, h => h.GetHashCode(), h => h));
        sweep.Property(s => s.Space).HasConversion(
            d => JsonSerializer.Serialize(d, Json), s => JsonSerializer.Deserialize<Dictionary<string, SearchDimension>>(s, Json)!,
            new ValueComparer<Dictionary<string, SearchDimension>>(
                (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                d => JsonSerializer.Serialize(d, Json).GetHashCode(StringComparison.Ordinal),
                d => JsonSerializer.Deserialize<Dictionary<string, SearchDimension>>(JsonSerializer.Serialize(d, Json), Json)!));
        // Two workers deciding promotions at once, or a decision and a cancel: an update applies only if no
        // other decision saved since this one read the sweep (Sweep.Touch bumps it with every decision).
        sweep.Property(s => s.Version).IsConcurrencyToken();
        sweep.Ignore(s => s.Ladder);
        sweep.Ignore(s => s.HalvingEta);

        sweep.HasIndex(s => new { s.Tenant, s.CreatedAt });
        sweep.HasIndex(s => s.CreatedAt);
        // The sweepers' look for sweeps still going.
        sweep.HasIndex(s => s.Status);
    }
}

internal sealed class SweepRungResultConfiguration : IEntityTypeConfiguration<SweepRungResult>
{
    public void Configure(EntityTypeBuilder<SweepRungResult> result)
    {
        // One result per trial and rung: a trial resumed at a rung cannot record it twice.
        result.HasKey(r => new { r.JobId, r.Rung });
        result.HasOne<Job>().WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
        result.HasOne<Sweep>().WithMany().HasForeignKey(r => r.SweepId).OnDelete(DeleteBehavior.Cascade);
        result.HasIndex(r => r.SweepId);
    }
}
