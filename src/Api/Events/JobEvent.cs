using WganService.Domain.Jobs;

namespace WganService.Api.Events;

/// <summary>One server-sent event: its name, the cursor a client has after it (the event id), and its JSON body.</summary>
public sealed record JobEvent(JobEventKind Kind, JobEventCursor Cursor, object Data)
{
    public string Name => Kind.ToString().ToLowerInvariant();

    /// <summary>The stream ends after the final status.</summary>
    public bool IsFinal => Kind == JobEventKind.Status && Cursor.Status is { } s && s.IsFinished();
}
