using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using WganService.Api.Auth;
using WganService.Api.Models;
using WganService.Api.OpenApi;
using WganService.Domain.Tenants;
using WganService.Gan.Serving;

namespace WganService.Api.Generation;

public static class GenerateApi
{
    public const string RateLimitPolicy = "generate";

    public static RouteGroupBuilder MapGenerateApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/generate").WithTags("Generation").ProducesDatabaseUnavailable();
        group.MapPost("/", Generate).WithName("generateSamples")
            .WithSummary("Sample from a trained generator")
            .WithDescription("Latents come from a seed (optionally truncated), explicitly, "
                + "or along a spherical interpolation between two seeds. "
                + "Concurrent requests for one generator share forward passes without changing their samples. "
                + "'format' picks the body: 'json' (the default, typed), 'png' (image/png: an image grid, or a scatter plot of "
                + "2-D points) or 'npy' (application/octet-stream: a NumPy float32 array). Every format also carries "
                + "Wgan-Generator-Step, Wgan-Checkpoint and, for seeded latents, Wgan-Seed headers.")
            .Produces<GenerateResponse>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample("seeded", "Two samples from a job's best generator; the same seed gives the same samples",
                GenerateExamples.Seeded)
            .WithRequestExample("pngGrid", "A grid of 64 images from the final generator, as image/png", GenerateExamples.PngGrid)
            .WithRequestExample("model", "16 samples from version 2 of a registered model, truncated to ψ = 0.7",
                GenerateExamples.ModelTruncated)
            .WithRequestExample("interpolation", "8 points on the spherical path between two seeds' latents",
                GenerateExamples.Interpolation)
            .WithResponseExample(StatusCodes.Status200OK, "twoPoints", "Two 8-gaussians points (the 'seeded' request)",
                GenerateExamples.TwoPoints)
            .RequireRateLimiting(RateLimitPolicy);
        return group;
    }

    public static async Task<IResult> Generate(
        GenerateRequest request, [FromQuery(Name = ModelNamespace.Parameter)] string? tenant, TenantScope caller,
        GeneratorLocator locator, GeneratorCache cache, IOptions<GenerationOptions> options,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var errors = GenerateRequestRules.Check(request, settings.MaxCount);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var checkpoint = request.Checkpoint ?? "best";
        // ?tenant= picks whose model names "model" means (an admin's way to reach another tenant's); a job id is unique anyway.
        var (owner, tenantProblem) = ModelNamespace.Resolve(caller, tenant);
        if (tenantProblem is not null) return tenantProblem;
        var (source, problem) = request.Model is { } model
            ? await locator.ForModelAsync(model, owner!, cancellationToken)
            : await locator.ForJobAsync(request.JobId!.Value, checkpoint, caller, cancellationToken);
        if (problem is not null) return problem;

        // The load is shared with concurrent requests for the same generator: one request giving up must not fail it.
        await using var lease = await cache.AcquireAsync(source!.CacheKey, source.Version,
            () => locator.LoadAsync(source, settings.Batching, CancellationToken.None));
        var generator = lease.Generator;
        using var ticket = generator.Batcher.Expect();
        errors = GenerateRequestRules.CheckAgainst(request, generator);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        long? seed = request.Latents is null && request.Interpolate is null
            ? request.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue) : null;
        var latents = request switch
        {
            { Latents: { } explicitLatents } => explicitLatents.SelectMany(v => v).ToArray(),
            { Interpolate: { } path }
                => Latents.Interpolate(path.From!.Value, path.To!.Value, path.Steps!.Value, generator.LatentDim, request.Truncation),
            _ => Latents.FromSeed(request.Count ?? 1, generator.LatentDim, seed!.Value, request.Truncation),
        };
        var count = latents.Length / generator.LatentDim;
        var samples = await ticket.SubmitAsync(latents, cancellationToken);

        // Binary formats have no body to carry these, so every format carries them as headers.
        response.Headers["Wgan-Generator-Step"] = generator.GeneratorStep.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["Wgan-Checkpoint"] = source.Checkpoint;
        if (seed is not null) response.Headers["Wgan-Seed"] = seed.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var name = $"{(source.Model is { } m ? $"{m.Name}-v{m.Version}" : source.JobId.ToString())}-step{generator.GeneratorStep}";
        return request.Format switch
        {
            "png" => TypedResults.File(SampleEncoding.Png(samples, count, generator.SampleShape), "image/png", $"{name}.png"),
            "npy" => TypedResults.File(SampleEncoding.Npy(samples, count, generator.SampleShape), "application/octet-stream",
                $"{name}.npy"),
            _ => TypedResults.Ok(
                new GenerateResponse(source.JobId, source.Model?.ToString(), source.Checkpoint, generator.GeneratorStep, seed, count,
                [count, .. generator.SampleShape], SampleEncoding.Rows(samples, count))),
        };
    }
}
