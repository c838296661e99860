using System.Threading.Channels;
using WganService.Gan.Serving;

namespace WganService.Api.Generation;

/// <summary>
/// Combines concurrent requests for one generator into one forward pass, the way Ray Serve's
/// <c>@serve.batch</c> and TorchServe's batch delay do. One loop per generator takes the first waiting
/// request, then keeps collecting while other requests for the same generator are known to be on their
/// way (<see cref="Expect"/>), up to <see cref="BatchingOptions.Window"/> after the first or
/// <see cref="BatchingOptions.MaxBatchSamples"/> rows. A lone request therefore never waits, and requests
/// that arrive during a forward pass ride the next one. Rows do not depend on their neighbours
/// (<see cref="BatchedForward"/>), so batching never changes what a seed means.
/// </summary>
public sealed class DynamicBatcher : IAsyncDisposable
{
    private readonly BatchedForward _forward;
    private readonly int _latentDim;
    private readonly BatchingOptions _options;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private int _expected;

    public DynamicBatcher(BatchedForward forward, int latentDim, BatchingOptions options)
    {
        (_forward, _latentDim, _options) = (forward, latentDim, options);
        // Forward passes are CPU-bound and synchronous: give the loop its own thread, not a pool thread.
        _loop = Task.Factory.StartNew(RunLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .Unwrap();
    }

    /// <summary>Forward passes this batcher has run, and the requests they served (for tests and metrics).</summary>
    public (long Batches, long Requests) Counts => (Interlocked.Read(ref _batches), Interlocked.Read(ref _requests));
    private long _batches, _requests;

    /// <summary>
    /// Announces a request that will submit its latents soon, so a batch being collected waits for it.
    /// Submit through the ticket; disposing it unsubmitted (say, on a validation error) withdraws the announcement.
    /// </summary>
    public Ticket Expect()
    {
        Interlocked.Increment(ref _expected);
        return new Ticket(this);
    }

    private async Task<float[]> SubmitAsync(float[] latents, CancellationToken cancellationToken)
    {
        // Larger requests go in pieces of at most MaxBatchSamples rows, each starting on a row quantum,
        // so their samples are the same as in one piece and no single forward pass outgrows the limit.
        var maxLength = _options.MaxBatchSamples * _latentDim;
        var pieces = new List<Task<float[]>>();
        for (var start = 0; start < latents.Length; start += maxLength)
        {
            var piece = latents.Length <= maxLength ? latents : latents[start..Math.Min(latents.Length, start + maxLength)];
            var pending = new Pending(piece, new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously),
                cancellationToken);
            ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
            pieces.Add(pending.Result.Task);
        }
        var results = await Task.WhenAll(pieces);
        return results.Length == 1 ? results[0] : [.. results.SelectMany(r => r)];
    }

    private async Task RunLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>();
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            var rows = 0;
            var deadline = DateTime.UtcNow + _options.Window;
            while (rows < _options.MaxBatchSamples)
            {
                if (reader.TryRead(out var next))
                {
                    if (next.CancellationToken.IsCancellationRequested) { next.Result.TrySetCanceled(next.CancellationToken); continue; }
                    batch.Add(next);
                    rows += _forward.Padded(next.Latents.Length / _latentDim);
                    continue;
                }
                var wait = deadline - DateTime.UtcNow;
                if (batch.Count == 0 || Volatile.Read(ref _expected) == 0 || wait <= TimeSpan.Zero) break;
                using var timeout = new CancellationTokenSource(wait);
                try { await reader.WaitToReadAsync(timeout.Token); }
                catch (OperationCanceledException) { break; }
            }
            if (batch.Count > 0) Run(batch);
        }
    }

    private void Run(List<Pending> batch)
    {
        try
        {
            // A generator whose rows no quantum made batch-invariant is served one request per forward pass.
            var results = _forward.Batchable
                ? _forward.Run(batch.ConvertAll(p => p.Latents))
                : [.. batch.Select(p => _forward.Run([p.Latents])[0])];
            for (var i = 0; i < batch.Count; i++) batch[i].Result.TrySetResult(results[i]);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _requests, batch.Count);
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Result.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(float[] Latents, TaskCompletionSource<float[]> Result, CancellationToken CancellationToken);

    /// <summary>One announced request (<see cref="Expect"/>).</summary>
    public sealed class Ticket(DynamicBatcher batcher) : IDisposable
    {
        private int _released;

        /// <summary>The samples for <paramref name="latents"/> (row-major, rows × latentDim), row-major.</summary>
        public Task<float[]> SubmitAsync(float[] latents, CancellationToken cancellationToken)
        {
            // Withdraw the announcement first: once the latents are queued, a batch must not wait for them.
            Dispose();
            return batcher.SubmitAsync(latents, cancellationToken);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) Interlocked.Decrement(ref batcher._expected);
        }
    }
}
