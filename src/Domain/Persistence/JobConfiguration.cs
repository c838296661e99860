using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WganService.Domain.Jobs;
using WganService.Gan;

namespace WganService.Domain.Persistence;

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public const int LeaseOwnerMaxLength = 200;

    public void Configure(EntityTypeBuilder<Job> job)
    {
        job.HasKey(j => j.Id);
        job.Property(j => j.Id).ValueGeneratedNever();
        job.Property(j => j.Tenant).HasMaxLength(Tenants.TenantScope.MaxTenantLength);
        job.Property(j => j.Name).HasMaxLength(JobSpecResolver.MaxNameLength);
        job.Property(j => j.Dataset).HasMaxLength(100);
        job.Property(j => j.Device).HasMaxLength(32);
        job.Property(j => j.IdempotencyKey).HasMaxLength(200);
        job.Property(j => j.RequestHash).HasMaxLength(64);
        job.Property(j => j.BackgroundJobId).HasMaxLength(64);
        // Two writers (the Api cancelling, a worker starting) must not both win: an update applies
        // only if the status is still the one it was read with.
        job.Property(j => j.Status).IsConcurrencyToken();
        // A worker's save applies only while it still holds the job: one that lost its lease (cut off,
        // presumed dead, and replaced) cannot overwrite the progress or checkpoint of the one now training.
        job.Property(j => j.LeaseOwner).HasMaxLength(LeaseOwnerMaxLength).IsConcurrencyToken();
        job.ComplexProperty(j => j.Hyperparameters);
        job.Ignore(j => j.DataInfo);

        // Per tenant: one tenant's Idempotency-Key must neither collide with nor replay another's job.
        job.HasIndex(j => new { j.Tenant, j.IdempotencyKey }).IsUnique();
        job.HasIndex(j => new { j.Status, j.CreatedAt });
        job.HasIndex(j => j.CreatedAt);
        job.HasIndex(j => new { j.Status, j.LeaseExpiresAt });
        // A tenant's list, newest first.
        job.HasIndex(j => new { j.Tenant, j.CreatedAt });
        // A sweep's trials, read at every decision. No foreign key: adding one to an existing table makes SQLite
        // migrations rebuild the whole jobs table, for a reference only sweeps ever write (and never delete).
        job.HasIndex(j => j.SweepId);
    }
}

internal sealed class JobMetricConfiguration : IEntityTypeConfiguration<JobMetric>
{
    public void Configure(EntityTypeBuilder<JobMetric> metric)
    {
        metric.HasKey(m => new { m.JobId, m.GeneratorStep });
        metric.HasOne<Job>().WithMany().HasForeignKey(m => m.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArtifactConfiguration : IEntityTypeConfiguration<Artifact>
{
    public void Configure(EntityTypeBuilder<Artifact> artifact)
    {
        artifact.HasKey(a => new { a.JobId, a.Kind });
        artifact.Property(a => a.Kind).HasMaxLength(32);
        artifact.HasOne<Job>().WithMany().HasForeignKey(a => a.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JobEvaluationConfiguration : IEntityTypeConfiguration<JobEvaluation>
{
    public void Configure(EntityTypeBuilder<JobEvaluation> evaluation)
    {
        evaluation.HasKey(e => new { e.JobId, e.GeneratorStep });
        evaluation.HasOne<Job>().WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SampleImageConfiguration : IEntityTypeConfiguration<SampleImage>
{
    public void Configure(EntityTypeBuilder<SampleImage> image)
    {
        image.HasKey(i => new { i.JobId, i.GeneratorStep });
        image.HasOne<Job>().WithMany().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
