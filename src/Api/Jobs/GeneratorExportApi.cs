using WganService.Api.Errors;
using WganService.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WganService.Gan.Export;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Tenants;

namespace WganService.Api.Jobs;

/// <summary>Downloads of a job's trained generator, for use outside the service (PyTorch, TorchSharp or any ONNX runtime).</summary>
public static class GeneratorExportApi
{
    public const string Safetensors = GeneratorDownload.Safetensors;
    public const string TorchSharp = GeneratorDownload.TorchSharp;

    public static RouteHandlerBuilder MapGeneratorExportApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/jobs/{id:guid}/generator", ExportGenerator).WithName("downloadJobGenerator").WithTags("Jobs")
            .ProducesDatabaseUnavailable()
            .WithSummary("Download a trained generator: safetensors (a PyTorch state_dict), TorchSharp's own format or ONNX")
            .WithDescription("format: 'safetensors' (default; the state_dict, parameters and buffers, with the module's " +
                "description in the metadata; bench/export/load_generator.py builds the PyTorch module from it), " +
                "'torchsharp' (the stored weights as they are, for module.load) or 'onnx' (the network itself, opset 17: " +
                "input z float32 [N, latentDim], output samples as /generate gives them). checkpoint: 'best' (default; the " +
                "lowest held-out SWD seen, or the lowest FD on labelled image sets) or 'final' (the end of training). " +
                "409 while the job has no such generator.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream") // Shown as a binary file.
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ExportGenerator(
        Guid id, string? format, string? checkpoint, TenantScope tenant, WganDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        format ??= Safetensors;
        if (!GeneratorDownload.IsFormat(format)) errors.Add("format", GeneratorDownload.FormatRule);
        checkpoint ??= "best";
        if (checkpoint is not ("best" or "final")) errors.Add("checkpoint", "must be 'best' or 'final'.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var job = await db.Jobs.AsNoTracking().FindVisibleAsync(id, tenant, cancellationToken);
        if (job is null) return Problems.JobNotFound(id);
        var weights = await db.Artifacts.AsNoTracking()
            .Where(a => a.JobId == id && a.Kind == ArtifactKinds.Generator(checkpoint))
            .Select(a => new { a.GeneratorStep, a.Data }).SingleOrDefaultAsync(cancellationToken);
        if (weights is null)
            return Problems.NoGeneratorYet(id, checkpoint, job.Status);

        var fileName = $"{JobFileNames.Stem(job)}-{checkpoint}-step{weights.GeneratorStep}";
        return GeneratorDownload.File(format, job, checkpoint, weights.GeneratorStep, weights.Data, fileName);
    }
}
