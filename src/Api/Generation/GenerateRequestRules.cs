using WganService.Gan.Serving;
using WganService.Domain.Jobs;

namespace WganService.Api.Generation;

/// <summary>
/// What a /generate request may combine. A request picks its latents one way: from a seed (optionally
/// truncated), explicitly, or along an interpolation; a field that belongs to another way is an error,
/// not ignored. Rules that need the generator (latent size, what a PNG can show) are in
/// <see cref="CheckAgainst"/>.
/// </summary>
public static class GenerateRequestRules
{
    public static readonly string[] Formats = ["json", "png", "npy"];

    public static ValidationErrors Check(GenerateRequest request, int maxCount)
    {
        var errors = new ValidationErrors();
        if (request.JobId is null && request.Model is null) errors.Add("jobId", "is required (or give 'model').");
        if (request.JobId is not null && request.Model is not null) errors.Add("model", "give either 'jobId' or 'model', not both.");
        if (request.Model is not null && request.Checkpoint is not null)
            errors.Add("checkpoint", "belongs to 'jobId'; a model version was registered from one checkpoint.");
        if (request.Checkpoint is not (null or "best" or "final")) errors.Add("checkpoint", "must be 'best' or 'final'.");
        if (request.Format is not null && !Formats.Contains(request.Format)) errors.Add("format", "must be 'json', 'png' or 'npy'.");
        errors.Range("count", request.Count, 1, maxCount);
        errors.Range("seed", request.Seed, 0L, long.MaxValue);
        if (request.Truncation is { } psi && !(psi >= Latents.MinTruncation && psi <= Latents.MaxTruncation))
            errors.Add("truncation", $"must be between {Latents.MinTruncation} and {Latents.MaxTruncation}.");

        if (request.Latents is { } latents)
        {
            if (latents.Length is 0 || latents.Length > maxCount) errors.Add("latents", $"must hold 1 to {maxCount} vectors.");
            if (request.Count is { } count && count != latents.Length) errors.Add("count",
                $"is {count} but 'latents' holds {latents.Length} vectors; leave it out.");
            if (request.Seed is not null) errors.Add("seed", "does not apply to explicit 'latents'.");
            if (request.Truncation is not null) errors.Add("truncation", "does not apply to explicit 'latents'; truncate them yourself.");
            if (request.Interpolate is not null) errors.Add("interpolate", "give either 'latents' or 'interpolate', not both.");
        }

        if (request.Interpolate is { } path)
        {
            if (path.From is null) errors.Add("interpolate.from", "is required: the seed whose latent starts the path.");
            if (path.To is null) errors.Add("interpolate.to", "is required: the seed whose latent ends the path.");
            if (path.Steps is null) errors.Add("interpolate.steps", "is required.");
            errors.Range("interpolate.from", path.From, 0L, long.MaxValue);
            errors.Range("interpolate.to", path.To, 0L, long.MaxValue);
            errors.Range("interpolate.steps", path.Steps, 2, maxCount);
            if (request.Count is not null) errors.Add("count", "is set by 'interpolate.steps'; leave it out.");
            if (request.Seed is not null) errors.Add("seed", "does not apply to 'interpolate'; its seeds are 'from' and 'to'.");
        }
        return errors;
    }

    public static ValidationErrors CheckAgainst(GenerateRequest request, ServedGenerator generator)
    {
        var errors = new ValidationErrors();
        if (request.Latents is { } latents)
        {
            var wrong = Array.FindIndex(latents, v => v is null || v.Length != generator.LatentDim);
            if (wrong >= 0)
                errors.Add($"latents[{wrong}]",
                    $"has {latents[wrong]?.Length ?? 0} values; this generator takes latent vectors of {generator.LatentDim}.");
        }
        if (request.Format == "png" && !CanDraw(generator.SampleShape))
            errors.Add("format", "'png' draws images or 2-D points; " +
                $"this generator makes vectors of shape [{string.Join(", ", generator.SampleShape)}]. " +
                "Use 'json' or 'npy'.");
        return errors;
    }

    public static bool CanDraw(IReadOnlyList<int> sampleShape) => sampleShape is [2] or [1 or 3, _, _];
}
