using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WganService.Domain.Datasets;

namespace WganService.Domain.Persistence;

internal sealed class UploadedDatasetConfiguration : IEntityTypeConfiguration<UploadedDataset>
{
    public void Configure(EntityTypeBuilder<UploadedDataset> dataset)
    {
        dataset.HasKey(d => d.Id);
        dataset.Property(d => d.Id).ValueGeneratedNever();
        dataset.Property(d => d.Tenant).HasMaxLength(Tenants.TenantScope.MaxTenantLength);
        dataset.Property(d => d.Name).HasMaxLength(100);
        dataset.Property(d => d.Format).HasMaxLength(16);
        dataset.Ignore(d => d.Info);
        dataset.Ignore(d => d.Classes);
        dataset.Ignore(d => d.StoredCount);
        dataset.HasIndex(d => d.CreatedAt);
        dataset.HasIndex(d => new { d.Tenant, d.CreatedAt });
    }
}

internal sealed class DatasetChunkConfiguration : IEntityTypeConfiguration<DatasetChunk>
{
    public void Configure(EntityTypeBuilder<DatasetChunk> chunk)
    {
        chunk.HasKey(c => new { c.DatasetId, c.Index });
        chunk.HasOne<UploadedDataset>().WithMany().HasForeignKey(c => c.DatasetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DatasetLabelsConfiguration : IEntityTypeConfiguration<DatasetLabels>
{
    public void Configure(EntityTypeBuilder<DatasetLabels> labels)
    {
        labels.HasKey(l => l.DatasetId);
        labels.Property(l => l.DatasetId).ValueGeneratedNever();
        labels.HasOne<UploadedDataset>().WithOne().HasForeignKey<DatasetLabels>(l => l.DatasetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DatasetClassifierConfiguration : IEntityTypeConfiguration<DatasetClassifier>
{
    public void Configure(EntityTypeBuilder<DatasetClassifier> classifier)
    {
        classifier.HasKey(c => c.DatasetId);
        classifier.Property(c => c.DatasetId).ValueGeneratedNever();
        classifier.HasOne<UploadedDataset>().WithOne().HasForeignKey<DatasetClassifier>(c => c.DatasetId).OnDelete(DeleteBehavior.Cascade);
    }
}
