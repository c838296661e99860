using Microsoft.EntityFrameworkCore;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Tenants;

namespace WganService.Domain.Models.Registry;

/// <summary>
/// Publishes job generators under model names, and finds them again. Names live in a tenant's
/// namespace: every method takes the tenant whose name it means.
/// </summary>
public sealed class ModelRegistry(WganDbContext db, TimeProvider clock)
{
    public enum Outcome { Registered, JobNotFound, NoGenerator }

    /// <summary>
    /// Copies the job's best or final generator into the next version of <paramref name="name"/> in
    /// <paramref name="tenant"/>'s namespace, creating the name on first use. The job must be one
    /// <paramref name="caller"/> may see. The number is taken by one atomic increment inside the
    /// transaction that writes the copy, so concurrent registrations queue on the name's row instead of colliding.
    /// </summary>
    public async Task<(Outcome Outcome, ModelVersion? Version, JobStatus? JobStatus)> RegisterAsync(
        string tenant, string name, Guid jobId, string checkpoint, string? description, TenantScope caller,
        CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().VisibleTo(caller)
            .Where(j => j.Id == jobId).Select(j => new { j.Status }).SingleOrDefaultAsync(cancellationToken);
        if (job is null) return (Outcome.JobNotFound, null, null);
        var kind = ArtifactKinds.Generator(checkpoint);
        var weights = await db.Artifacts.AsNoTracking().Where(a => a.JobId == jobId && a.Kind == kind)
            .Select(a => new { a.GeneratorStep, a.Data }).SingleOrDefaultAsync(cancellationToken);
        if (weights is null) return (Outcome.NoGenerator, null, job.Status);

        var now = StoredTime.ToStoredPrecision(clock.GetUtcNow());
        await EnsureNameAsync(tenant, name, now, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var model = db.Models.Where(m => m.Tenant == tenant && m.Name == name);
        await model.ExecuteUpdateAsync(m => m.SetProperty(x => x.LastVersion, x => x.LastVersion + 1), cancellationToken);
        var number = await model.Select(m => m.LastVersion).SingleAsync(cancellationToken);
        var version = db.ModelVersions.Add(new ModelVersion
        {
            Tenant = tenant, Name = name, Version = number, JobId = jobId, Checkpoint = checkpoint,
            GeneratorStep = weights.GeneratorStep, Weights = weights.Data, Description = description, CreatedAt = now,
        }).Entity;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (Outcome.Registered, version, job.Status);
    }

    /// <summary>Creates the name's row unless it exists; a concurrent first registration may create it first.</summary>
    private async Task EnsureNameAsync(string tenant, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Models.AnyAsync(m => m.Tenant == tenant && m.Name == name, cancellationToken)) return;
        db.Models.Add(new RegisteredModel { Tenant = tenant, Name = name, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost the race to create it? Then the row is there, which is all this needed.
            db.ChangeTracker.Clear();
            if (!await db.Models.AnyAsync(m => m.Tenant == tenant && m.Name == name, cancellationToken)) throw;
        }
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The version a reference names in <paramref name="tenant"/>'s namespace (the latest when it names none), without its weights.
    /// </summary>
    public Task<ModelVersionInfo?> FindAsync(string tenant, ModelReference reference, CancellationToken cancellationToken) =>
        db.ModelVersions.AsNoTracking()
            .Where(v => v.Tenant == tenant && v.Name == reference.Name && (reference.Version == null || v.Version == reference.Version))
            .OrderByDescending(v => v.Version)
            .Select(v => new ModelVersionInfo(
                v.Tenant, v.Name, v.Version, v.JobId, v.Checkpoint, v.GeneratorStep, v.Description, v.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<byte[]> WeightsAsync(string tenant, string name, int version, CancellationToken cancellationToken) =>
        db.ModelVersions.AsNoTracking()
            .Where(v => v.Tenant == tenant && v.Name == name && v.Version == version)
            .Select(v => v.Weights)
            .SingleAsync(cancellationToken);
}

/// <summary>A model version without its weights.</summary>
public sealed record ModelVersionInfo(
    string Tenant, string Name, int Version, Guid JobId, string Checkpoint, int GeneratorStep, string? Description,
    DateTimeOffset CreatedAt)
{
    public string Reference => $"{Name}:{Version}";
}
