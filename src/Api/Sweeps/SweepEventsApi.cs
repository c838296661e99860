using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WganService.Api.Errors;
using WganService.Api.Events;
using WganService.Api.OpenApi;
using WganService.Domain.Persistence;
using WganService.Domain.Sweeps;
using WganService.Domain.Tenants;

namespace WganService.Api.Sweeps;

/// <summary>
/// A sweep, live: each event is the whole sweep as GET /sweeps/{id} shows it, sent whenever that changes (a trial
/// starts, moves on, reaches a rung, is stopped or promoted; the best changes; the sweep ends). The stream ends after
/// the event with the sweep's final status. Woken by the same change signals as the jobs' streams, so it never polls.
/// </summary>
public static class SweepEventsApi
{
    public static void MapSweepEventsApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/sweeps/{id:guid}/events", StreamEvents).WithName("streamSweepEvents").WithTags("Sweeps")
            .ProducesDatabaseUnavailable()
            .WithSummary("Live server-sent events: the whole sweep each time it changes, until it ends; honours Last-Event-ID")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// Each event is named <c>sweep</c>; its data is the JSON of GET /sweeps/{id}, its id "sequence:status". Every event
    /// carries the whole state, so a client that reconnects needs nothing replayed: it gets the sweep as it is now, unless
    /// its Last-Event-ID (header, or the lastEventId query parameter) already had a final status, which gets 204.
    /// </summary>
    public static async Task<Results<ServerSentEventsResult<SweepResponse>, NoContent, ValidationProblem, ProblemHttpResult>> StreamEvents(
        Guid id, [FromHeader(Name = "Last-Event-ID")] string? lastEventIdHeader, [FromQuery(Name = "lastEventId")] string? lastEventIdQuery,
        TenantScope tenant, WganDbContext db, JobEventHub hub, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        var (field, lastEventId) = lastEventIdHeader is not null ? ("Last-Event-ID", lastEventIdHeader) : ("lastEventId", lastEventIdQuery);
        SweepStatus? seen = null;
        if (lastEventId is not null)
        {
            if (!TryParseEventId(lastEventId, out var status))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [field] = ["is not an event id of this stream (expected sequence:status, as sent)."],
                });
            seen = status;
        }
        if (!await db.Sweeps.VisibleTo(tenant).AnyAsync(s => s.Id == id, cancellationToken))
            return Problems.SweepNotFound(id);
        // A sweep's trials are all created with it: this set is the one to watch for its whole life.
        var trials = await db.Jobs.Where(j => j.SweepId == id).Select(j => j.Id).ToListAsync(cancellationToken);
        // The client has seen the final status: 204 is what tells an EventSource to stop reconnecting.
        if (seen is { } finished && finished.IsFinished()) return TypedResults.NoContent();
        return TypedResults.ServerSentEvents(StreamAsync(id, trials, hub, scopes, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<SweepResponse>> StreamAsync(Guid id, List<Guid> trials, JobEventHub hub,
        IServiceScopeFactory scopes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Signals coalesce: one read covers every change that arrived while the previous one ran. Watching starts before
        // the first read, so a change between a read and the wait for the next signal is never missed.
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var watch = hub.Watch([id, .. trials], () => changed.Writer.TryWrite(true));
        string? sent = null;
        for (var sequence = 1; ; )
        {
            SweepResponse? sweep;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
                var row = await db.Sweeps.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
                sweep = row is null ? null : await db.ToResponseAsync(row, cancellationToken);
            }
            if (sweep is null) yield break; // deleted with its tenant
            // Many signals are metric rows that leave the sweep as it was shown: only a sweep that changed is sent.
            var json = JsonSerializer.Serialize(sweep);
            if (json != sent)
            {
                sent = json;
                var status = sweep.Status.ToString().ToLowerInvariant();
                yield return new SseItem<SweepResponse>(sweep, "sweep") { EventId = $"{sequence++}:{status}" };
            }
            if (sweep.Status.IsFinished()) yield break;
            await changed.Reader.ReadAsync(cancellationToken);
        }
    }

    private static bool TryParseEventId(string value, out SweepStatus status)
    {
        status = default;
        var parts = value.Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], out var sequence) && sequence > 0
            && !int.TryParse(parts[1], out _) && Enum.TryParse(parts[1], ignoreCase: true, out status);
    }
}
