using Microsoft.EntityFrameworkCore;
using WganService.Api.Jobs;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;

namespace WganService.Api.Events;

/// <summary>Reads what happened to a job since a cursor, as events in the order a client should see them.</summary>
public static class JobEventReader
{
    /// <summary>Where the job's stream stands now, without reading its rows; null when the job does not exist.</summary>
    public static async Task<JobEventCursor?> ReadCursorAsync(this WganDbContext db, Guid jobId, CancellationToken cancellationToken)
    {
        var status = await db.Jobs.Where(j => j.Id == jobId).Select(j => (JobStatus?)j.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is null) return null;
        var metric = await db.Metrics.Where(m => m.JobId == jobId).MaxAsync(m => (int?)m.GeneratorStep, cancellationToken);
        var evaluation = await db.Evaluations.Where(e => e.JobId == jobId).MaxAsync(e => (int?)e.GeneratorStep, cancellationToken);
        return new JobEventCursor(metric ?? -1, evaluation ?? -1, status);
    }

    /// <returns>The events after <paramref name="after"/>, oldest first; null when the job does not exist.</returns>
    public static async Task<List<JobEvent>?> ReadAfterAsync(this WganDbContext db, Guid jobId, JobEventCursor after,
        CancellationToken cancellationToken)
    {
        // The job first: a worker writes a job's last rows before its final status, so when the status
        // read here is final, the row queries below see every row there will ever be.
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null) return null;
        var metrics = await db.Metrics.AsNoTracking()
            .Where(m => m.JobId == jobId && m.GeneratorStep > after.MetricStep).OrderBy(m => m.GeneratorStep)
                .ToListAsync(cancellationToken);
        var evaluations = await db.Evaluations.AsNoTracking()
            .Where(e => e.JobId == jobId && e.GeneratorStep > after.EvaluationStep).OrderBy(e => e.GeneratorStep)
                .ToListAsync(cancellationToken);

        var events = new List<JobEvent>(metrics.Count + evaluations.Count + 1);
        var cursor = after;
        // A status event's body is the job as GET /jobs/{id} shows it.
        var statusBody = job.Status != after.Status ? await db.ToResponseAsync(job, cancellationToken) : null;
        if (statusBody is not null && !job.Status.IsFinished()) events.Add(StatusEvent(ref cursor));

        // Metrics and evaluations interleaved by step (a step's metrics before its evaluation), as recorded.
        int mi = 0, ei = 0;
        while (mi < metrics.Count || ei < evaluations.Count)
        {
            if (ei == evaluations.Count || (mi < metrics.Count && metrics[mi].GeneratorStep <= evaluations[ei].GeneratorStep))
            {
                cursor = cursor with { MetricStep = metrics[mi].GeneratorStep };
                events.Add(new JobEvent(JobEventKind.Metrics, cursor, MetricResponse.From(metrics[mi++])));
            }
            else
            {
                cursor = cursor with { EvaluationStep = evaluations[ei].GeneratorStep };
                events.Add(new JobEvent(JobEventKind.Evaluation, cursor, EvaluationResponse.From(evaluations[ei++])));
            }
        }

        if (statusBody is not null && job.Status.IsFinished()) events.Add(StatusEvent(ref cursor));
        return events;

        JobEvent StatusEvent(ref JobEventCursor c)
        {
            c = c with { Status = job.Status };
            return new JobEvent(JobEventKind.Status, c, statusBody!);
        }
    }
}
