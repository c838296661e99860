using Microsoft.EntityFrameworkCore;
using WganService.Domain.Persistence;

namespace WganService.Api.Jobs;

internal static class JobQueries
{
    public static Task<JobMetric?> LatestMetricAsync(this WganDbContext db, Guid jobId, CancellationToken cancellationToken) =>
        db.Metrics.AsNoTracking().Where(m => m.JobId == jobId)
            .OrderByDescending(m => m.GeneratorStep).FirstOrDefaultAsync(cancellationToken);

    public static async Task<JobResponse?> FindJobResponseAsync(this WganDbContext db, Guid jobId, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        return job is null ? null : JobResponse.From(job, await db.LatestMetricAsync(jobId, cancellationToken));
    }
}
