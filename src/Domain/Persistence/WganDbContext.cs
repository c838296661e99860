using Microsoft.EntityFrameworkCore;
using WganService.Domain.Jobs;
using WganService.Gan;
using WganService.Gan.Datasets;

namespace WganService.Domain.Persistence;

/// <summary>
/// The service's tables. Each provider has a subclass that carries its own migrations
/// (<see cref="SqliteWganDbContext"/>, <see cref="PostgresWganDbContext"/>); code depends on this base.
/// </summary>
public abstract class WganDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<JobMetric> Metrics => Set<JobMetric>();
    public DbSet<Artifact> Artifacts => Set<Artifact>();
    public DbSet<JobEvaluation> Evaluations => Set<JobEvaluation>();
    public DbSet<SampleImage> SampleImages => Set<SampleImage>();
    public DbSet<Datasets.UploadedDataset> Datasets => Set<Datasets.UploadedDataset>();
    public DbSet<Datasets.DatasetChunk> DatasetChunks => Set<Datasets.DatasetChunk>();
    public DbSet<Datasets.DatasetLabels> DatasetLabels => Set<Datasets.DatasetLabels>();
    public DbSet<Datasets.DatasetClassifier> DatasetClassifiers => Set<Datasets.DatasetClassifier>();
    public DbSet<Models.RegisteredModel> Models => Set<Models.RegisteredModel>();
    public DbSet<Models.ModelVersion> ModelVersions => Set<Models.ModelVersion>();
    public DbSet<DataProtectionKeyRow> DataProtectionKeys => Set<DataProtectionKeyRow>();
    public DbSet<Sweeps.Sweep> Sweeps => Set<Sweeps.Sweep>();
    public DbSet<Sweeps.SweepRungResult> SweepRungResults => Set<Sweeps.SweepRungResult>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WganDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as readable strings, so the database can be read without the code.
        configurationBuilder.Properties<JobStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<GanVariant>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<NetworkArchitecture>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DevicePreference>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<OptimizerKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<LearningRateDecay>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Gan.CriticNormalization>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<CriticSchedule>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TrainingStop>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DatasetKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Sweeps.SweepStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Sweeps.SweepObjective>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<Sweeps.EarlyStoppingKind>().HaveConversion<string>().HaveMaxLength(16);
    }
}

public sealed class PostgresWganDbContext(DbContextOptions<PostgresWganDbContext> options) : WganDbContext(options);

public sealed class SqliteWganDbContext(DbContextOptions<SqliteWganDbContext> options) : WganDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot order or compare DateTimeOffset stored as text; as a binary long it can.
        configurationBuilder.Properties<DateTimeOffset>()
            .HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}
