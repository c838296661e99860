using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WganService.Api.Auth;
using WganService.Api.Jobs;
using WganService.Api.OpenApi;
using WganService.Domain.Models;
using WganService.Domain.Models.Registry;
using WganService.Domain.Persistence;
using WganService.Domain.Tenants;

namespace WganService.Api.Models;

/// <summary>
/// A registered model version's generator as a file, in the formats of a job's download (<see cref="GeneratorDownload"/>).
/// </summary>
public static class ModelGeneratorExportApi
{
    public static RouteHandlerBuilder MapModelGeneratorExportApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/models/{name}/versions/{version:int}/generator", ExportGenerator)
            .WithName("downloadModelVersionGenerator").WithTags("Models")
            .ProducesDatabaseUnavailable()
            .WithSummary("Download a model version's generator: safetensors, TorchSharp's own format or ONNX")
            .WithDescription("format: 'safetensors' (default), 'torchsharp' or 'onnx', as GET /jobs/{id}/generator gives them, " +
                "of the weights the version holds. ?tenant= lets an admin name another tenant's model.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream") // Shown as a binary file.
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ExportGenerator(
        string name, int version, string? format, string? tenant, TenantScope caller, ModelRegistry registry, WganDbContext db,
        CancellationToken cancellationToken)
    {
        format ??= GeneratorDownload.Safetensors;
        if (!GeneratorDownload.IsFormat(format))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [GeneratorDownload.FormatRule] });
        var (owner, problem) = ModelNamespace.Resolve(caller, tenant);
        if (problem is not null) return problem;

        var reference = new ModelReference(name, version);
        var found = await registry.FindAsync(owner!, reference, cancellationToken);
        if (found is null)
            return TypedResults.Problem(
                $"Model '{reference}' does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var weights = await registry.WeightsAsync(owner!, found.Name, found.Version, cancellationToken);
        // A job with registered versions cannot be deleted (the foreign key restricts it), so it is there.
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == found.JobId, cancellationToken);
        return GeneratorDownload.File(format, job, found.Checkpoint, found.GeneratorStep, weights,
            $"{found.Name}-v{found.Version}-{found.Checkpoint}-step{found.GeneratorStep}");
    }
}
