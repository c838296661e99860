using Npgsql;
using WganService.Api.Deployment;
using WganService.Domain.Persistence.Changes;

namespace WganService.Api.Events;

/// <summary>
/// Server mode: one connection per Api host LISTENs for the workers' change notifications and
/// wakes the hub. If the connection drops it reconnects, and every feed reads again, since
/// notifications sent meanwhile are lost.
/// </summary>
internal sealed partial class PostgresJobChangeListener(Deployment.ServiceMode mode, JobEventHub hub,
    ILogger<PostgresJobChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(mode.PostgresConnectionString)
        {
            // A dedicated connection, probed so a silently dead one is noticed within seconds.
            Pooling = false, KeepAlive = 10, ApplicationName = "wgan-api-events",
        };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = new NpgsqlConnection(builder.ConnectionString);
                await listener.OpenAsync(stoppingToken);
                listener.Notification += (_, e) => hub.OnJobsChanged(PostgresJobChangeNotifier.ParsePayload(e.Payload));
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresJobChangeNotifier.Channel}", listener))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                hub.OnSignalsMayHaveBeenLost();
                LogListening();
                while (true) await listener.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogConnectionLost(e, RetryDelay);
                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for job changes")]
    private partial void LogListening();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job change listener lost its connection; retrying in {Delay}")]
    private partial void LogConnectionLost(Exception exception, TimeSpan delay);
}
