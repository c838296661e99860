using WganService.Api.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WganService.Domain.Models.Registry;
using WganService.Gan;
using WganService.Domain.Jobs;
using WganService.Domain.Models;
using WganService.Domain.Persistence;
using WganService.Domain.Tenants;

namespace WganService.Api.Generation;

/// <summary>
/// Finds the stored generator a /generate request names, with one small query (no weights; none for a
/// finished job seen before), and loads its weights when the cache does not hold them yet.
/// </summary>
public sealed class GeneratorLocator(WganDbContext db, ModelRegistry registry, IMemoryCache finishedJobs)
{
    /// <returns>The source, or a problem: 404 for an unknown job, 409 when it has no such generator yet.</returns>
    public async Task<(GeneratorSource? Source, IResult? Problem)> ForJobAsync(Guid jobId, string checkpoint, TenantScope tenant,
        CancellationToken cancellationToken)
    {
        // A finished job's generators never change again: after the first look, no query at all. The
        // entry remembers the owner, so the cache never answers for a job the caller could not see.
        var finishedKey = (nameof(ForJobAsync), jobId, checkpoint);
        if (finishedJobs.TryGetValue(finishedKey, out GeneratorSource? known))
            return tenant.CanSee(known!.Tenant) ? (known, null) : (null, Problems.JobNotFound(jobId));

        var kind = ArtifactKinds.Generator(checkpoint);
        var found = await db.Jobs.AsNoTracking().VisibleTo(tenant).Where(j => j.Id == jobId)
            .Select(j => new
            {
                j.Status,
                j.Tenant,
                Weights = db.Artifacts.Where(a => a.JobId == j.Id && a.Kind == kind).Select(a => new { a.GeneratorStep, a.CreatedAt })
                    .FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
            return (null, Problems.JobNotFound(jobId));
        if (found.Weights is null)
            return (null, Problems.NoGeneratorYet(jobId, checkpoint, found.Status));

        var version = $"{found.Weights.GeneratorStep}@{found.Weights.CreatedAt.UtcTicks}";
        var source = new GeneratorSource($"job/{jobId}/{checkpoint}", version, jobId, null, checkpoint, found.Weights.GeneratorStep,
            found.Tenant);
        // Final only: a stopped sweep trial may be promoted and train on, and its best generator change.
        if (found.Status.IsFinal()) finishedJobs.Set(finishedKey, source,
            new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30) });
        return (source, null);
    }

    /// <returns>The source, or a 404 problem for an unknown model or version in <paramref name="tenant"/>'s names.</returns>
    public async Task<(GeneratorSource? Source, IResult? Problem)> ForModelAsync(string model, string tenant,
        CancellationToken cancellationToken)
    {
        if (!ModelReference.TryParse(model, out var reference))
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["model"] = [$"must be 'name' or 'name:version', the name {ModelReference.NameRule} and the version a positive number."],
            }));
        var found = await registry.FindAsync(tenant, reference, cancellationToken);
        if (found is null)
            return (null, TypedResults.Problem($"Model '{reference}' does not exist.", statusCode: StatusCodes.Status404NotFound,
                title: "Not found"));
        // A version never changes, so its cache slot never needs refreshing.
        return (new GeneratorSource(ModelCacheKey(tenant, found.Name, found.Version), "immutable", found.JobId,
            new ModelReference(found.Name, found.Version), found.Checkpoint, found.GeneratorStep, tenant), null);
    }

    /// <remarks>Tenants hold no '/' (checked at start-up), so no two tenants' keys can collide.</remarks>
    public static string ModelCacheKey(string tenant, string name, int version) => $"model/{tenant}/{name}/{version}";

    /// <summary>Builds the job's generator and loads the weights <paramref name="source"/> names.</summary>
    public async Task<ServedGenerator> LoadAsync(GeneratorSource source, BatchingOptions batching, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == source.JobId, cancellationToken);
        var (step, weights) = source.Model is { Version: { } version } model
            ? (source.GeneratorStep, await registry.WeightsAsync(source.Tenant, model.Name, version, cancellationToken))
            : await WeightsAsync(source, cancellationToken);
        var network = GanNetworks.LoadGenerator(job.Architecture, job.Hyperparameters, job.DataInfo, weights);
        return new ServedGenerator(network, step, job.Hyperparameters.LatentDim, job.SampleShape, weights.Length, batching);
    }

    /// <remarks>The step is read with the weights: a training job may have replaced its best generator since
    /// <see cref="ForJobAsync"/> looked, and responses must name the step of the weights that made them.</remarks>
    private async Task<(int GeneratorStep, byte[] Weights)> WeightsAsync(GeneratorSource source, CancellationToken cancellationToken)
    {
        var kind = ArtifactKinds.Generator(source.Checkpoint);
        var row = await db.Artifacts.AsNoTracking().Where(a => a.JobId == source.JobId && a.Kind == kind)
            .Select(a => new { a.GeneratorStep, a.Data }).SingleAsync(cancellationToken);
        return (row.GeneratorStep, row.Data);
    }
}
