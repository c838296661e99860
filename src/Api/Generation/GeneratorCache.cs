using Microsoft.Extensions.Options;

namespace WganService.Api.Generation;

/// <summary>
/// Generators loaded from the database once and kept in memory, least recently used first out when their
/// weights exceed <see cref="GenerationOptions.CacheBytes"/>. A key's <c>version</c> says which weights it
/// holds (a training job's best generator changes); asking with another version loads the new weights and
/// retires the old. Concurrent requests for a key not yet loaded share one load. A retired generator is
/// disposed when its last lease ends, never under a request that is using it.
/// </summary>
public sealed class GeneratorCache(IOptions<GenerationOptions> options) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = [];
    private readonly LinkedList<Entry> _recency = new(); // Most recently used first.
    private long _bytes;

    private long Budget => options.Value.CacheBytes;

    private long _loads;

    /// <summary>Generators held, the bytes they count against the budget, and loads from the database so far.</summary>
    public (int Count, long Bytes, long Loads) Usage
    {
        get { lock (_lock) return (_entries.Count, _bytes, _loads); }
    }

    /// <summary>Each held generator's forward passes and the requests they served: how much batching happened.</summary>
    public IReadOnlyDictionary<string, (long Batches, long Requests)> BatchingCounts()
    {
        lock (_lock)
            return _entries.Values.Where(e => e.Loading.IsCompletedSuccessfully)
                .ToDictionary(e => e.Key, e => e.Loading.Result.Batcher.Counts);
    }

    /// <summary>A lease on the generator for <paramref name="key"/> at <paramref name="version"/>, loading it if needed.</summary>
    public async Task<Lease> AcquireAsync(string key, string version, Func<Task<ServedGenerator>> load)
    {
        Entry entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out entry!) || entry.Version != version)
            {
                if (entry is not null) Retire(entry);
                entry = new Entry(key, version, Task.Run(load)); // Not under the lock.
                _loads++;
                _entries[key] = entry;
                entry.Node = _recency.AddFirst(entry);
            }
            else
            {
                _recency.Remove(entry.Node!);
                _recency.AddFirst(entry.Node!);
            }
            entry.Leases++;
        }

        try
        {
            var generator = await entry.Loading;
            lock (_lock)
            {
                if (!entry.Counted && !entry.Retired)
                {
                    (entry.Counted, _bytes) = (true, _bytes + generator.WeightBytes);
                    EvictOverBudget(keep: entry);
                }
            }
            return new Lease(this, entry, generator);
        }
        catch
        {
            // A failed load is not cached: the next request tries again.
            lock (_lock)
            {
                if (_entries.TryGetValue(key, out var current) && current == entry) Retire(entry);
            }
            await ReleaseAsync(entry);
            throw;
        }
    }

    private void EvictOverBudget(Entry keep)
    {
        for (var node = _recency.Last; node is not null && _bytes > Budget;)
        {
            var previous = node.Previous;
            if (node.Value != keep && node.Value.Counted) Retire(node.Value);
            node = previous;
        }
    }

    /// <summary>Out of the cache; disposed once no lease holds it. Called under the lock.</summary>
    private void Retire(Entry entry)
    {
        if (entry.Retired) return;
        entry.Retired = true;
        _entries.Remove(entry.Key);
        _recency.Remove(entry.Node!);
        if (entry.Counted) _bytes -= entry.Loading.Result.WeightBytes;
    }

    /// <summary>Drops a key (a deleted model version); the generator is disposed once no lease holds it.</summary>
    public async ValueTask ForgetAsync(string key)
    {
        Entry? entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out entry)) return;
            Retire(entry);
            entry.Leases++; // Released just below: disposes now if nothing else holds it.
        }
        await ReleaseAsync(entry);
    }

    private async ValueTask ReleaseAsync(Entry entry)
    {
        bool dispose;
        lock (_lock) dispose = --entry.Leases == 0 && entry.Retired;
        if (dispose && entry.Loading.IsCompletedSuccessfully) await entry.Loading.Result.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        List<Entry> all;
        lock (_lock)
        {
            all = [.. _entries.Values];
            foreach (var entry in all) Retire(entry);
        }
        foreach (var entry in all.Where(e => e.Leases == 0 && e.Loading.IsCompletedSuccessfully))
            await entry.Loading.Result.DisposeAsync();
    }

    internal sealed class Entry(string key, string version, Task<ServedGenerator> loading)
    {
        public string Key { get; } = key;
        public string Version { get; } = version;
        public Task<ServedGenerator> Loading { get; } = loading;
        public LinkedListNode<Entry>? Node { get; set; }
        public int Leases { get; set; }
        public bool Counted { get; set; }
        public bool Retired { get; set; }
    }

    /// <summary>Holds a generator in memory while a request uses it.</summary>
    public sealed class Lease : IAsyncDisposable
    {
        private readonly GeneratorCache _cache;
        private readonly Entry _entry;
        private int _released;

        internal Lease(GeneratorCache cache, Entry entry, ServedGenerator generator)
            => (_cache, _entry, Generator) = (cache, entry, generator);

        public ServedGenerator Generator { get; }

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _released, 1) == 0 ? _cache.ReleaseAsync(_entry) : ValueTask.CompletedTask;
    }
}
