using WganService.Domain.Persistence;

namespace WganService.Worker;

/// <summary>
/// A worker serves no HTTP, so its container health check reads a file instead: while the database
/// answers, this touches <c>Worker:HeartbeatFile</c> every <see cref="Interval"/>. A fresh file proves
/// the process is up, its host is not wedged, and it reaches PostgreSQL; it says nothing about the job
/// being trained (a lost job is caught by its lease, not by this). Off when the setting is empty.
/// </summary>
public sealed partial class HeartbeatFile(IConfiguration configuration, IServiceScopeFactory scopes, ILogger<HeartbeatFile> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = configuration["Worker:HeartbeatFile"];
        if (string.IsNullOrWhiteSpace(path)) return;

        using var timer = new PeriodicTimer(Interval);
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            // CanConnectAsync swallows connection errors and says false: an outage only stops the beat.
            if (await scope.ServiceProvider.GetRequiredService<WganDbContext>().Database.CanConnectAsync(stoppingToken))
                await File.WriteAllTextAsync(path, DateTimeOffset.UtcNow.ToString("O"), stoppingToken);
            else
                LogUnreachable(logger, path);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is unreachable; heartbeat file {Path} not refreshed")]
    private static partial void LogUnreachable(ILogger logger, string path);
}
