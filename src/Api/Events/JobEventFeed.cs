using System.Threading.Channels;
using WganService.Domain.Persistence;

namespace WganService.Api.Events;

/// <summary>
/// One job's live events for all its subscribers: each change signal makes one database read, whose
/// new events go to every subscriber, so a thousand watchers of a job cost what one does.
/// </summary>
internal sealed partial class JobEventFeed : IAsyncDisposable
{
    // A subscriber this far behind is dropped; its client reconnects with Last-Event-ID and catches up from the database.
    private const int SubscriberBacklog = 1024;

    private readonly Guid _jobId;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    // Signals coalesce: one pending read covers any number of changes that arrive while a read runs.
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _lock = new();
    private readonly List<Channel<JobEvent>> _subscribers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;

    public JobEventFeed(Guid jobId, IServiceScopeFactory scopes, ILogger logger)
    {
        (_jobId, _scopes, _logger) = (jobId, scopes, logger);
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>
    /// Completes once the feed knows where the job stands. A subscriber reads its backlog only after
    /// this, so anything recorded later reaches it through the feed and nothing falls between the two.
    /// </summary>
    public Task Ready => _ready.Task;

    public bool IsStopped => _loop.IsCompleted;

    public void Signal() => _signals.Writer.TryWrite(true);

    public ChannelReader<JobEvent> Subscribe()
    {
        var channel = Channel.CreateBounded<JobEvent>(
            new BoundedChannelOptions(SubscriberBacklog) { SingleReader = true, SingleWriter = true });
        lock (_lock) _subscribers.Add(channel);
        return channel.Reader;
    }

    /// <returns>Whether no subscriber is left.</returns>
    public bool Unsubscribe(ChannelReader<JobEvent> reader)
    {
        lock (_lock)
        {
            _subscribers.RemoveAll(c => c.Reader == reader);
            return _subscribers.Count == 0;
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Start from where the job stands now: subscribers read everything before that themselves.
            var cursor = await ReadAsync((db, ct) => db.ReadCursorAsync(_jobId, ct), cancellationToken);
            _ready.TrySetResult();
            while (cursor is not null && await _signals.Reader.WaitToReadAsync(cancellationToken))
            {
                _signals.Reader.TryRead(out _);
                var from = cursor.Value;
                List<JobEvent>? events;
                try
                {
                    events = await ReadAsync((db, ct) => db.ReadAfterAsync(_jobId, from, ct), cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next signal reads again from the same cursor; nothing is skipped.
                    LogReadFailed(e, _jobId);
                    continue;
                }
                if (events is null) break;
                foreach (var e in events)
                {
                    cursor = cursor.Value.After(e);
                    Broadcast(e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogReadFailed(e, _jobId);
        }
        _ready.TrySetResult();
        // The job is gone or the feed failed: end every stream; clients that reconnect get a fresh feed or a 404.
        lock (_lock) foreach (var s in _subscribers) s.Writer.TryComplete();
    }

    private void Broadcast(JobEvent e)
    {
        lock (_lock)
            foreach (var s in _subscribers)
                if (!s.Writer.TryWrite(e)) s.Writer.TryComplete();
    }

    private async Task<T> ReadAsync<T>(Func<WganDbContext, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<WganDbContext>(), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading new events of job {JobId} failed")]
    private partial void LogReadFailed(Exception exception, Guid jobId);
}
