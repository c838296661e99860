using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WganService.Domain.Jobs;
using WganService.Domain.Models;

namespace WganService.Domain.Persistence;

internal sealed class RegisteredModelConfiguration : IEntityTypeConfiguration<RegisteredModel>
{
    public void Configure(EntityTypeBuilder<RegisteredModel> model)
    {
        // Names are unique per tenant, not globally.
        model.HasKey(m => new { m.Tenant, m.Name });
        model.Property(m => m.Tenant).HasMaxLength(Tenants.TenantScope.MaxTenantLength);
        model.Property(m => m.Name).HasMaxLength(RegisteredModel.MaxNameLength);
        model.Property(m => m.LastVersion).IsConcurrencyToken();
        model.HasMany(m => m.Versions).WithOne().HasForeignKey(v => new { v.Tenant, v.Name }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    public void Configure(EntityTypeBuilder<ModelVersion> version)
    {
        version.HasKey(v => new { v.Tenant, v.Name, v.Version });
        version.Property(v => v.Tenant).HasMaxLength(Tenants.TenantScope.MaxTenantLength);
        version.Property(v => v.Name).HasMaxLength(RegisteredModel.MaxNameLength);
        version.Property(v => v.Checkpoint).HasMaxLength(8);
        version.Property(v => v.Description).HasMaxLength(1000);
        // A job with published versions cannot silently disappear from under them.
        version.HasOne<Job>().WithMany().HasForeignKey(v => v.JobId).OnDelete(DeleteBehavior.Restrict);
    }
}
