using System.Diagnostics.CodeAnalysis;
using WganService.Domain.Jobs;

namespace WganService.Api.Events;

/// <summary>
/// Where a client is in a job's event stream: the last metric step and evaluation step it has, and
/// the last status it was told. It is the SSE event id ("120:100:running"), so a client reconnecting
/// with Last-Event-ID resumes exactly after what it saw, with no event log to keep.
/// </summary>
public readonly record struct JobEventCursor(int MetricStep, int EvaluationStep, JobStatus? Status)
{
    /// <summary>Before the first event: step 0's baseline evaluation and the current status are still to come.</summary>
    public static readonly JobEventCursor Start = new(-1, -1, null);

    public override string ToString() =>
        $"{MetricStep}:{EvaluationStep}:{(Status is { } s ? s.ToString().ToLowerInvariant() : "")}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out JobEventCursor? cursor)
    {
        cursor = null;
        var parts = text?.Split(':');
        if (parts is not { Length: 3 }
            || !int.TryParse(parts[0], out var metric) || metric < -1
            || !int.TryParse(parts[1], out var evaluation) || evaluation < -1)
            return false;
        JobStatus? status = null;
        if (parts[2].Length > 0)
        {
            if (!Enum.TryParse<JobStatus>(parts[2], ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)) return false;
            status = parsed;
        }
        cursor = new JobEventCursor(metric, evaluation, status);
        return true;
    }

    /// <summary>This cursor once <paramref name="e"/> has been seen (only the part the event is about moves).</summary>
    public JobEventCursor After(JobEvent e) => e.Kind switch
    {
        JobEventKind.Metrics => this with { MetricStep = e.Cursor.MetricStep },
        JobEventKind.Evaluation => this with { EvaluationStep = e.Cursor.EvaluationStep },
        _ => this with { Status = e.Cursor.Status },
    };

    /// <summary>Whether a client at this cursor has not yet seen <paramref name="e"/>.</summary>
    public bool Precedes(JobEvent e) => e.Kind switch
    {
        JobEventKind.Metrics => e.Cursor.MetricStep > MetricStep,
        JobEventKind.Evaluation => e.Cursor.EvaluationStep > EvaluationStep,
        _ => e.Cursor.Status != Status,
    };
}
