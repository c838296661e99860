using Microsoft.EntityFrameworkCore;
using WganService.Domain.Persistence;

namespace WganService.Domain.Training;

internal static class JobSignals
{
    /// <summary>Reads the cancellation flag fresh from the database (the Api sets it from another process).</summary>
    public static Task<bool> CancelRequestedAsync(this WganDbContext db, Guid jobId, CancellationToken cancellationToken) =>
        db.Jobs.AsNoTracking().Where(j => j.Id == jobId).Select(j => j.CancelRequested).SingleAsync(cancellationToken);
}
