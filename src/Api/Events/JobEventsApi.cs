using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WganService.Api.Errors;
using WganService.Api.OpenApi;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Tenants;

namespace WganService.Api.Events;

public static class JobEventsApi
{
    public static void MapJobEventsApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/jobs/{id:guid}/events", StreamEvents).WithName("streamJobEvents").WithTags("Jobs").ProducesDatabaseUnavailable()
            .WithSummary("Live server-sent events (metrics, evaluation, status) until the final status; honours Last-Event-ID")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// Each event's data is the JSON of the matching item of /metrics, /evaluations or GET /jobs/{id};
    /// its id is a cursor ("metricStep:evaluationStep:status") to send back as Last-Event-ID (header,
    /// or the lastEventId query parameter for clients that cannot set headers). A client that has
    /// already seen the final status gets 204.
    /// </summary>
    public static async Task<Results<ServerSentEventsResult<object>, NoContent, ValidationProblem, ProblemHttpResult>> StreamEvents(
        Guid id, [FromHeader(Name = "Last-Event-ID")] string? lastEventIdHeader, [FromQuery(Name = "lastEventId")] string? lastEventIdQuery,
        TenantScope tenant, WganDbContext db, JobEventHub hub, CancellationToken cancellationToken)
    {
        var (field, lastEventId) = lastEventIdHeader is not null ? ("Last-Event-ID", lastEventIdHeader) : ("lastEventId", lastEventIdQuery);
        var from = JobEventCursor.Start;
        if (lastEventId is not null)
        {
            if (!JobEventCursor.TryParse(lastEventId, out var parsed))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [field] = [$"'{Truncate(lastEventId)}' is not an event id of this stream " +
                        "(expected metricStep:evaluationStep:status, as sent)."],
                });
            from = parsed.Value;
        }
        // The hub streams by id alone: this check is what keeps another tenant's job out of reach.
        if (!await db.Jobs.IsVisibleAsync(id, tenant, cancellationToken)) return Problems.JobNotFound(id);
        // The client has seen the final status: 204 is what tells an EventSource to stop reconnecting.
        if (from.Status is { } seen && seen.IsFinished()) return TypedResults.NoContent();
        return TypedResults.ServerSentEvents(hub.StreamAsync(id, from, cancellationToken));
    }

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
