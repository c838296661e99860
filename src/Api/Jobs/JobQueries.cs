using Microsoft.EntityFrameworkCore;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;

namespace WganService.Api.Jobs;

internal static class JobQueries
{
    public static Task<JobMetric?> LatestMetricAsync(this WganDbContext db, Guid jobId, CancellationToken cancellationToken) =>
        db.Metrics.AsNoTracking().Where(m => m.JobId == jobId)
            .OrderByDescending(m => m.GeneratorStep).FirstOrDefaultAsync(cancellationToken);

    public static Task<JobEvaluation?> LatestEvaluationAsync(this WganDbContext db, Guid jobId, CancellationToken cancellationToken) =>
        db.Evaluations.AsNoTracking().Where(e => e.JobId == jobId)
            .OrderByDescending(e => e.GeneratorStep).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A job with its latest metric row and evaluation, as every job-returning route shows it.</summary>
    public static async Task<JobResponse> ToResponseAsync(this WganDbContext db, Job job, CancellationToken cancellationToken) =>
        JobResponse.From(job, await db.LatestMetricAsync(job.Id, cancellationToken), await db.LatestEvaluationAsync(job.Id, cancellationToken));

    public static async Task<JobResponse?> FindJobResponseAsync(this WganDbContext db, Guid jobId, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        return job is null ? null : await db.ToResponseAsync(job, cancellationToken);
    }
}
