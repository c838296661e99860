using Microsoft.EntityFrameworkCore;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Tenants;

namespace WganService.Api.Jobs;

internal static class JobQueries
{
    /// <summary>Jobs with their latest metric row and evaluation and their dataset's name, as every job-returning route
    /// shows them: at most four queries for any number of jobs (a page of 100 used to take 200 more).</summary>
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
        var uploadNames = await db.UploadNamesAsync(jobs, cancellationToken);
        return jobs.Select(j => JobResponse.From(j, DatasetName(j, uploadNames), metrics.GetValueOrDefault(j.Id),
            evaluations.GetValueOrDefault(j.Id))).ToList();
    }

    /// <summary>The names of the uploads these jobs train on, by id; no query when all of them train on built-ins.</summary>
    private static async Task<Dictionary<Guid, string>> UploadNamesAsync(this WganDbContext db, IReadOnlyList<Job> jobs,
        CancellationToken cancellationToken)
    {
        var ids = jobs.Select(j => Guid.TryParse(j.Dataset, out var id) ? id : (Guid?)null).OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0) return new();
        return await db.Datasets.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Name })
            .ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
    }

    /// <summary>A built-in's name is the job's own reference to it; an upload is referred to by id (its name is gone
    /// with it when it was deleted).</summary>
    private static string? DatasetName(Job job, Dictionary<Guid, string> uploadNames) =>
        Guid.TryParse(job.Dataset, out var id) ? uploadNames.GetValueOrDefault(id) : job.Dataset;

    public static async Task<JobResponse> ToResponseAsync(this WganDbContext db, Job job, CancellationToken cancellationToken) =>
        (await db.ToResponsesAsync([job], cancellationToken))[0];

    public static async Task<JobResponse?> FindJobResponseAsync(this WganDbContext db, Guid jobId, TenantScope tenant,
        CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().FindVisibleAsync(jobId, tenant, cancellationToken);
        return job is null ? null : await db.ToResponseAsync(job, cancellationToken);
    }
}
