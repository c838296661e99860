using Microsoft.EntityFrameworkCore;

namespace WganService.Domain.Persistence.Changes;

/// <summary>
/// Server mode: a PostgreSQL NOTIFY on <see cref="Channel"/>, which reaches every Api host that
/// LISTENs, whichever host the worker runs on. Sent on the saving context's connection, so inside a
/// transaction it is delivered only if and when that transaction commits.
/// </summary>
public sealed class PostgresJobChangeNotifier : IJobChangeNotifier
{
    public const string Channel = "wgan_job_changes";

    public async ValueTask NotifyAsync(DbContext context, IReadOnlyCollection<Guid> jobIds, CancellationToken cancellationToken)
    {
        var payload = string.Join(',', jobIds);
        await context.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", cancellationToken);
    }

    /// <summary>Reads a payload written by <see cref="NotifyAsync"/>; anything else is ignored.</summary>
    public static IEnumerable<Guid> ParsePayload(string payload) =>
        payload.Split(',').Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty);
}
