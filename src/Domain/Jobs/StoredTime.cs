namespace WganService.Domain.Jobs;

public static class StoredTime
{
    /// <summary>
    /// Truncates to whole milliseconds, coarser than both databases keep (SQLite's converter 0.1 ms,
    /// PostgreSQL 1 µs), so a value echoed before storage equals the value read back later.
    /// </summary>
    public static DateTimeOffset ToStoredPrecision(this DateTimeOffset time) =>
        time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMillisecond));
}
