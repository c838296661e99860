using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using WganService.Domain.Persistence;

namespace WganService.Api.Events;

/// <summary>
/// Live job events for the Api's subscribers. Change signals (PostgreSQL NOTIFY or in-process) wake
/// the feed of each watched job; a feed lives while its job has subscribers. Other streams built on the same
/// signals (a sweep's, which re-reads the sweep when any of its trials or the sweep row changes) <see cref="Watch"/> ids.
/// </summary>
public sealed class JobEventHub(IServiceScopeFactory scopes, ILogger<JobEventHub> logger) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, JobEventFeed> _feeds = [];
    private readonly List<(IReadOnlySet<Guid> Ids, Action OnChange)> _watchers = [];

    /// <summary>Jobs being watched right now (for tests and metrics).</summary>
    public int WatchedJobs { get { lock (_lock) return _feeds.Count; } }

    /// <summary>Ids of changed jobs and sweeps (<see cref="Domain.Persistence.JobChangeInterceptor"/>).</summary>
    public void OnJobsChanged(IEnumerable<Guid> jobIds)
    {
        lock (_lock)
            foreach (var id in jobIds)
            {
                if (_feeds.TryGetValue(id, out var feed)) feed.Signal();
                foreach (var (ids, onChange) in _watchers)
                    if (ids.Contains(id)) onChange();
            }
    }

    /// <summary>After signals may have been lost (the listener reconnected): every feed and watcher reads again.</summary>
    public void OnSignalsMayHaveBeenLost()
    {
        lock (_lock)
        {
            foreach (var feed in _feeds.Values) feed.Signal();
            foreach (var (_, onChange) in _watchers) onChange();
        }
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> (under the hub's lock: it must only signal, e.g. write to a channel) whenever
    /// one of <paramref name="ids"/> changes, until the result is disposed.
    /// </summary>
    public IDisposable Watch(IEnumerable<Guid> ids, Action onChange)
    {
        var watcher = ((IReadOnlySet<Guid>)ids.ToHashSet(), onChange);
        lock (_lock) _watchers.Add(watcher);
        return new Unwatch(this, watcher);
    }

    private sealed class Unwatch(JobEventHub hub, (IReadOnlySet<Guid>, Action) watcher) : IDisposable
    {
        public void Dispose()
        {
            lock (hub._lock) hub._watchers.Remove(watcher);
        }
    }

    /// <summary>
    /// A job's events after <paramref name="from"/>: what is already recorded, then live events until the
    /// final status. Each item's id is the client's cursor after it, for Last-Event-ID.
    /// </summary>
    public async IAsyncEnumerable<SseItem<object>> StreamAsync(Guid jobId, JobEventCursor from,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (feed, live) = Subscribe(jobId);
        try
        {
            await feed.Ready.WaitAsync(cancellationToken);
            var cursor = from;
            List<JobEvent> backlog;
            await using (var scope = scopes.CreateAsyncScope())
                backlog = await scope.ServiceProvider.GetRequiredService<WganDbContext>()
                    .ReadAfterAsync(jobId, from, cancellationToken) ?? [];

            foreach (var e in backlog)
            {
                if (Next(e) is not { } item) continue;
                yield return item;
                if (e.IsFinal) yield break;
            }
            await foreach (var e in live.ReadAllAsync(cancellationToken))
            {
                if (Next(e) is not { } item) continue;
                yield return item;
                if (e.IsFinal) yield break;
            }

            // Backlog and live events overlap; the cursor lets each through once, in order.
            SseItem<object>? Next(JobEvent e)
            {
                if (!cursor.Precedes(e)) return null;
                cursor = cursor.After(e);
                return new SseItem<object>(e.Data, e.Name) { EventId = cursor.ToString() };
            }
        }
        finally
        {
            await UnsubscribeAsync(jobId, feed, live);
        }
    }

    private (JobEventFeed Feed, System.Threading.Channels.ChannelReader<JobEvent> Live) Subscribe(Guid jobId)
    {
        lock (_lock)
        {
            // A feed whose loop ended (its job was deleted, or reading failed for good) is replaced.
            if (!_feeds.TryGetValue(jobId, out var feed) || feed.IsStopped)
                _feeds[jobId] = feed = new JobEventFeed(jobId, scopes, logger);
            return (feed, feed.Subscribe());
        }
    }

    private async Task UnsubscribeAsync(Guid jobId, JobEventFeed feed, System.Threading.Channels.ChannelReader<JobEvent> live)
    {
        lock (_lock)
        {
            if (!feed.Unsubscribe(live)) return;
            // Only this feed: a stopped one may already have been replaced by a live one.
            if (_feeds.TryGetValue(jobId, out var current) && current == feed) _feeds.Remove(jobId);
        }
        await feed.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        List<JobEventFeed> feeds;
        lock (_lock)
        {
            feeds = [.. _feeds.Values];
            _feeds.Clear();
        }
        foreach (var feed in feeds) await feed.DisposeAsync();
    }
}
