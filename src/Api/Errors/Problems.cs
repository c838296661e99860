using Microsoft.AspNetCore.Http.HttpResults;
using WganService.Domain.Jobs;

namespace WganService.Api.Errors;

/// <summary>Problems several routes answer alike, worded once.</summary>
public static class Problems
{
    public static ProblemHttpResult JobNotFound(Guid jobId) =>
        TypedResults.Problem($"Job {jobId} does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult SweepNotFound(Guid sweepId) =>
        TypedResults.Problem($"Sweep {sweepId} does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult NoGeneratorYet(Guid jobId, string checkpoint, JobStatus status) =>
        TypedResults.Problem($"Job {jobId} has no {checkpoint} generator yet (status {status.ToString().ToLowerInvariant()}).",
            statusCode: StatusCodes.Status409Conflict, title: "No generator yet");
}
