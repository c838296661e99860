using Microsoft.Extensions.Logging;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;

namespace WganService.Domain.Training;

/// <summary>
/// Writes what a training run recorded to the database: within a flush interval of recording a row, once
/// per idle flush interval with only progress to write. Every flush renews the job's lease (the job row's
/// save checks it is still ours), and one that lands is followed by the cancellation check. While the
/// database is unreachable the run keeps training and its rows stay pending for the next flush.
/// </summary>
internal sealed partial class RowFlusher(
    WganDbContext db, Job job, TimeProvider clock, TrainingOptions options, TrainingTimes times, ILogger logger)
{
    private DateTimeOffset? _databaseDownSince;
    // Metric, evaluation or checkpoint rows not yet saved: they go out within a flush interval, while a
    // flush with nothing but progress to write waits the longer idle interval.
    private bool _unsavedRows;
    private DateTimeOffset _lastFlush = clock.GetUtcNow();

    /// <summary>A row was added to the context: the next flush is due within a flush interval.</summary>
    public void RowsRecorded() => _unsavedRows = true;

    /// <summary>The flush intervals count from here (the start of the loop), not from the run's setup.</summary>
    public void RestartInterval() => _lastFlush = clock.GetUtcNow();

    /// <summary>Flushes if one is due (always after the last step), then checks whether the job was cancelled.</summary>
    /// <returns>True when a cancellation was requested: the run stops here. Never after the last step, which
    /// finishes the job anyway, nor after a flush that failed (the database cannot say).</returns>
    public async Task<bool> FlushIfDueAsync(int generatorStep, bool last)
    {
        if (!last && clock.GetUtcNow() < _lastFlush + (_unsavedRows ? options.FlushInterval : options.IdleFlushInterval)) return false;
        var flushed = await TryFlushAsync(generatorStep);
        _lastFlush = clock.GetUtcNow();
        return flushed && !last && await db.CancelRequestedAsync(job.Id, CancellationToken.None);
    }

    /// <summary>Writes what is pending and renews the lease.</summary>
    /// <returns>False when the database could not be reached: the changes stay pending for the next try.</returns>
    public async Task<bool> TryFlushAsync(int generatorStep)
    {
        using var timed = times.Measure(TrainingPhase.Flushes);
        job.ReportProgress(generatorStep, clock.GetUtcNow(), options.LeaseDuration);
        try
        {
            // Never cancelled half-way: a short write either lands or fails whole, and the shutdown
            // path still has its checkpoint to write on this same context.
            if (_databaseDownSince is not null) await UnacknowledgedCommit.TakeStoredChangesAsSavedAsync(db, job, CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (TransientDatabaseErrors.IsTransient(e))
        {
            if (_databaseDownSince is null) LogDatabaseDown(e, job.Id, generatorStep);
            _databaseDownSince ??= clock.GetUtcNow();
            return false;
        }
        _unsavedRows = false;
        if (_databaseDownSince is { } since) LogDatabaseBack(job.Id, clock.GetUtcNow() - since, generatorStep);
        _databaseDownSince = null;
        return true;
    }

    /// <summary>The job's result must reach the database: waits out an outage rather than lose the run.</summary>
    public async Task FlushUntilSavedAsync(int generatorStep, CancellationToken cancellationToken)
    {
        while (!await TryFlushAsync(generatorStep)) await Task.Delay(options.FlushInterval, clock, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Job {JobId}: the database is unreachable at generator step {Step}; training goes on and keeps its rows for the next flush")]
    private partial void LogDatabaseDown(Exception exception, Guid jobId, int step);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Job {JobId}: the database is back after {Outage}; rows up to generator step {Step} written")]
    private partial void LogDatabaseBack(Guid jobId, TimeSpan outage, int step);
}
