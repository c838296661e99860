using Microsoft.EntityFrameworkCore;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Tenants;

namespace WganService.Api.Jobs;

internal static class JobQueries
{
    /// <summary>Jobs with their latest metric row and evaluation, as every job-returning route shows them:
    /// three queries for any number of jobs (a page of 100 used to take 200 more).</summary>
    public static async Task<List<JobResponse>> ToResponsesAsync(this WganDbContext db, IReadOnlyList<Job> jobs,
        CancellationToken cancellationToken)
    {
        var ids = jobs.Select(j => j.Id).ToList();
        var metrics = await db.Metrics.AsNoTracking()
            .Where(m => ids.Contains(m.JobId) && m.GeneratorStep == db.Metrics.Where(x => x.JobId == m.JobId).Max(x => x.GeneratorStep))
            .ToDictionaryAsync(m => m.JobId, cancellationToken);
        var evaluations = await db.Evaluations.AsNoTracking()
            .Where(e => ids.Contains(e.JobId) && e.GeneratorStep == db.Evaluations.Where(x => x.JobId == e.JobId).Max(x => x.GeneratorStep))
            .ToDictionaryAsync(e => e.JobId, cancellationToken);
        return jobs.Select(j => JobResponse.From(j, metrics.GetValueOrDefault(j.Id), evaluations.GetValueOrDefault(j.Id))).ToList();
    }

    public static async Task<JobResponse> ToResponseAsync(this WganDbContext db, Job job, CancellationToken cancellationToken) =>
        (await db.ToResponsesAsync([job], cancellationToken))[0];

    public static async Task<JobResponse?> FindJobResponseAsync(this WganDbContext db, Guid jobId, TenantScope tenant,
        CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().FindVisibleAsync(jobId, tenant, cancellationToken);
        return job is null ? null : await db.ToResponseAsync(job, cancellationToken);
    }
}
