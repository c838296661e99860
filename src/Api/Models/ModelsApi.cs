using WganService.Api.Auth;
using WganService.Api.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WganService.Api.Generation;
using WganService.Api.OpenApi;
using WganService.Domain.Jobs;
using WganService.Domain.Models;
using WganService.Domain.Models.Registry;
using WganService.Domain.Persistence;
using WganService.Domain.Tenants;

namespace WganService.Api.Models;

/// <summary>
/// The model registry: job generators published under a name, in numbered, immutable versions. Each
/// tenant has its own names; ?tenant= lets an admin address another tenant's (see <see cref="ModelNamespace"/>).
/// </summary>
public static class ModelsApi
{
    public const int MaxDescriptionLength = 1000;

    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/models").WithTags("Models").ProducesDatabaseUnavailable();
        group.MapPost("/", Register).WithName("registerModel").WithSummary("Publish a job's generator as the next version of a model")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List).WithName("listModels")
            .WithSummary("Registered models, by name (an admin sees every tenant's unless ?tenant= picks one)");
        group.MapGet("/{name}", Get).WithName("getModel").WithSummary("A model with its versions, newest first");
        group.MapGet("/{name}/versions/{version:int}", GetVersion).WithName("getModelVersion").WithSummary("One version of a model");
        group.MapDelete("/{name}/versions/{version:int}", DeleteVersion).WithName("deleteModelVersion")
            .WithSummary("Delete a version (its number is never reused)");
        return group;
    }

    public static async Task<Results<Created<ModelVersionResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterModelRequest request, string? tenant, TenantScope caller, ModelRegistry registry, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(request.Name)) errors.Add("name", "is required.");
        else if (!ModelReference.IsValidName(request.Name)) errors.Add("name", $"must be {ModelReference.NameRule}.");
        if (request.JobId is null) errors.Add("jobId", "is required.");
        if (request.Checkpoint is not (null or "best" or "final")) errors.Add("checkpoint", "must be 'best' or 'final'.");
        if (request.Description is { Length: > MaxDescriptionLength }) errors.Add("description",
            $"must be at most {MaxDescriptionLength} characters.");
        else if (request.Description is not null && !TextRules.IsPlainText(request.Description)) errors.Add("description",
            "must not contain control characters other than tab and line breaks.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        var (owner, problem) = ModelNamespace.Resolve(caller, tenant);
        if (problem is not null) return problem;

        var checkpoint = request.Checkpoint ?? "best";
        var (outcome, version, status) = await registry.RegisterAsync(owner!, request.Name!, request.JobId!.Value, checkpoint,
            request.Description, caller, cancellationToken);
        return outcome switch
        {
            ModelRegistry.Outcome.JobNotFound => Problems.JobNotFound(request.JobId.Value),
            ModelRegistry.Outcome.NoGenerator => Problems.NoGeneratorYet(request.JobId.Value, checkpoint, status!.Value),
            _ => TypedResults.Created($"/models/{version!.Name}/versions/{version.Version}", ModelVersionResponse.From(
                new ModelVersionInfo(version.Tenant, version.Name, version.Version, version.JobId, version.Checkpoint,
                    version.GeneratorStep, version.Description, version.CreatedAt))),
        };
    }

    public static async Task<Results<Ok<ModelListResponse>, ValidationProblem>> List(string? tenant, TenantScope caller, WganDbContext db,
        CancellationToken cancellationToken)
    {
        var models = db.Models.AsNoTracking().VisibleTo(caller);
        if (tenant is not null)
        {
            var (owner, problem) = ModelNamespace.Resolve(caller, tenant);
            if (problem is not null) return problem;
            models = models.Where(m => m.Tenant == owner);
        }
        var items = await models.OrderBy(m => m.Name).ThenBy(m => m.Tenant)
            .Select(m => new ModelSummaryResponse(m.Tenant, m.Name, m.Versions.Max(v => (int?)v.Version), m.Versions.Count, m.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ModelListResponse(items));
    }

    public static async Task<Results<Ok<ModelResponse>, NotFound, ValidationProblem>> Get(string name, string? tenant, TenantScope caller,
        WganDbContext db, CancellationToken cancellationToken)
    {
        var (owner, problem) = ModelNamespace.Resolve(caller, tenant);
        if (problem is not null) return problem;
        var model = await db.Models.AsNoTracking().Where(m => m.Tenant == owner && m.Name == name).Select(m => new { m.Name, m.CreatedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (model is null) return TypedResults.NotFound();
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.Tenant == owner && v.Name == name)
            .OrderByDescending(v => v.Version)
            .Select(v => new ModelVersionInfo(v.Tenant, v.Name, v.Version, v.JobId, v.Checkpoint, v.GeneratorStep, v.Description,
                v.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ModelResponse(owner!, model.Name, model.CreatedAt, versions.ConvertAll(ModelVersionResponse.From)));
    }

    public static async Task<Results<Ok<ModelVersionResponse>, NotFound, ValidationProblem>> GetVersion(string name, int version,
        string? tenant, TenantScope caller, ModelRegistry registry, CancellationToken cancellationToken)
    {
        var (owner, problem) = ModelNamespace.Resolve(caller, tenant);
        if (problem is not null) return problem;
        return await registry.FindAsync(owner!, new ModelReference(name, version), cancellationToken) is { } found
            ? TypedResults.Ok(ModelVersionResponse.From(found))
            : TypedResults.NotFound();
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteVersion(
        string name, int version, string? tenant, TenantScope caller,
        WganDbContext db, GeneratorCache cache, CancellationToken cancellationToken)
    {
        var (owner, problem) = ModelNamespace.Resolve(caller, tenant);
        if (problem is not null) return problem;
        var deleted = await db.ModelVersions.Where(v => v.Tenant == owner && v.Name == name && v.Version == version)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0) return TypedResults.NotFound();
        await cache.ForgetAsync(GeneratorLocator.ModelCacheKey(owner!, name, version));
        return TypedResults.NoContent();
    }
}
