using Microsoft.EntityFrameworkCore;
using WganService.Domain.Datasets;
using WganService.Domain.Jobs;
using WganService.Domain.Models;
using WganService.Domain.Tenants;

namespace WganService.Domain.Persistence;

/// <summary>
/// The one place rows are narrowed to what a caller may see. One method per owned entity rather than
/// an interface on them: the entities stay plain, and each filter is a plain column comparison EF translates.
/// </summary>
public static class TenantQueries
{
    public static IQueryable<Job> VisibleTo(this IQueryable<Job> jobs, TenantScope scope) =>
        scope.SeesAll ? jobs : jobs.Where(j => j.Tenant == scope.Tenant);

    /// <summary>
    /// The job with this id if the caller may see it, else null. Another tenant's job and a job that
    /// does not exist read alike (the Api answers both with Problems.JobNotFound), so ids reveal nothing.
    /// </summary>
    public static Task<Job?> FindVisibleAsync(this IQueryable<Job> jobs, Guid id, TenantScope scope, CancellationToken cancellationToken) =>
        jobs.VisibleTo(scope).SingleOrDefaultAsync(j => j.Id == id, cancellationToken);

    /// <summary>Whether the caller may see the job with this id (see <see cref="FindVisibleAsync"/>).</summary>
    public static Task<bool> IsVisibleAsync(this IQueryable<Job> jobs, Guid id, TenantScope scope, CancellationToken cancellationToken) =>
        jobs.VisibleTo(scope).AnyAsync(j => j.Id == id, cancellationToken);

    public static IQueryable<UploadedDataset> VisibleTo(this IQueryable<UploadedDataset> datasets, TenantScope scope) =>
        scope.SeesAll ? datasets : datasets.Where(d => d.Tenant == scope.Tenant);

    public static IQueryable<Sweeps.Sweep> VisibleTo(this IQueryable<Sweeps.Sweep> sweeps, TenantScope scope) =>
        scope.SeesAll ? sweeps : sweeps.Where(s => s.Tenant == scope.Tenant);

    public static IQueryable<RegisteredModel> VisibleTo(this IQueryable<RegisteredModel> models, TenantScope scope) =>
        scope.SeesAll ? models : models.Where(m => m.Tenant == scope.Tenant);
}
