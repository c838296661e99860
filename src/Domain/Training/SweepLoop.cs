namespace WganService.Domain.Training;

/// <summary>
/// The job sweepers' schedule: a sweep at start and then every interval, for as long as the host runs.
/// A sweep that finds the database unreachable is reported and left to the next tick.
/// </summary>
internal static class SweepLoop
{
    public static async Task RunAsync(
        Func<CancellationToken, Task> sweep, TimeSpan interval, TimeProvider clock, Action<Exception> databaseUnavailable,
        CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await sweep(stoppingToken);
            }
            catch (Exception e) when (Persistence.TransientDatabaseErrors.IsTransient(e) && !stoppingToken.IsCancellationRequested)
            {
                databaseUnavailable(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
