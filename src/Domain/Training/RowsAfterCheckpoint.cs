using Microsoft.EntityFrameworkCore;
using WganService.Domain.Persistence;

namespace WganService.Domain.Training;

/// <summary>
/// Rows recorded after the checkpoint a job resumes from came from a run that stopped before its next
/// checkpoint. The resumed run records them again, so they are removed first and every step keeps exactly
/// one row.
/// </summary>
internal static class RowsAfterCheckpoint
{
    public static async Task DeleteAsync(WganDbContext db, Guid jobId, int resumedAt, CancellationToken cancellationToken)
    {
        // From scratch, the step-0 baseline is evaluated again too.
        var after = resumedAt == 0 ? -1 : resumedAt;
        await db.Metrics.Where(m => m.JobId == jobId && m.GeneratorStep > after).ExecuteDeleteAsync(cancellationToken);
        await db.Evaluations.Where(e => e.JobId == jobId && e.GeneratorStep > after).ExecuteDeleteAsync(cancellationToken);
        await db.SampleImages.Where(i => i.JobId == jobId && i.GeneratorStep > after).ExecuteDeleteAsync(cancellationToken);
    }
}
