using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WganService.Domain.Datasets;
using WganService.Domain.Gan;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using static TorchSharp.torch;

namespace WganService.Api.Generation;

public static class GenerateApi
{
    public static RouteGroupBuilder MapGenerateApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/generate").WithTags("Generation");
        group.MapPost("/", Generate).WithSummary("Sample from a trained generator");
        return group;
    }

    public static async Task<Results<Ok<GenerateResponse>, ValidationProblem, ProblemHttpResult>> Generate(
        GenerateRequest request, WganDbContext db, IOptions<GenerationOptions> options, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (request.JobId is null) errors.Add("jobId", "is required.");
        var count = request.Count ?? 1;
        errors.Range("count", request.Count, 1, options.Value.MaxCount);
        errors.Range("seed", request.Seed, 0L, long.MaxValue);
        if (request.Format is not null and not "json") errors.Add("format", "must be 'json'.");
        var checkpoint = request.Checkpoint ?? "best";
        if (checkpoint is not ("best" or "final")) errors.Add("checkpoint", "must be 'best' or 'final'.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == request.JobId, cancellationToken);
        if (job is null) return TypedResults.Problem($"Job {request.JobId} does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var weights = await db.Artifacts.AsNoTracking()
            .Where(a => a.JobId == job.Id && a.Kind == (checkpoint == "final" ? ArtifactKinds.FinalGenerator : ArtifactKinds.BestGenerator))
            .Select(a => new { a.GeneratorStep, a.Data }).SingleOrDefaultAsync(cancellationToken);
        if (weights is null)
            return TypedResults.Problem($"Job {job.Id} has no {checkpoint} generator yet (status {job.Status.ToString().ToLowerInvariant()}).",
                statusCode: StatusCodes.Status409Conflict, title: "No generator yet");

        var data = job.DataInfo;
        var seed = request.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        using var generator = GanNetworks.CreateGenerator(job.Architecture, job.Hyperparameters, data);
        GeneratorWeights.Load(generator, weights.Data);
        generator.eval();
        var flat = LatentSampler.Sample(generator, count, job.Hyperparameters.LatentDim, seed, CPU);

        var width = data.SampleSize;
        var samples = new float[count][];
        for (var i = 0; i < count; i++) samples[i] = flat.AsSpan(i * width, width).ToArray();
        return TypedResults.Ok(new GenerateResponse(job.Id, checkpoint, weights.GeneratorStep, seed, count, [count, .. data.SampleShape], samples));
    }
}
