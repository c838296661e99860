using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;

namespace WganService.Api.Jobs;

/// <summary>
/// Idempotency-Key handling (IETF draft "The Idempotency-Key HTTP Header Field"): a retry with the
/// same key and body gets the first job back; the same key with another body is a 422. Keys are per
/// tenant (the caller's own, admins included): one tenant's key never finds, nor blocks, another's job.
/// </summary>
internal static class IdempotentRequests
{
    public static string Hash(JobSpec spec) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(spec)));

    public static Task<Job?> FindAsync(WganDbContext db, string tenant, string key, CancellationToken cancellationToken) =>
        db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Tenant == tenant && j.IdempotencyKey == key, cancellationToken);

    public static async Task<Results<Accepted<JobResponse>, ValidationProblem, ProblemHttpResult>> ReplayAsync(
        WganDbContext db, Job earlier, string requestHash, CancellationToken cancellationToken)
    {
        if (earlier.RequestHash != requestHash)
            return TypedResults.Problem("This Idempotency-Key was already used with a different request body.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused");
        return TypedResults.Accepted($"/jobs/{earlier.Id}", await db.ToResponseAsync(earlier, cancellationToken));
    }
}
