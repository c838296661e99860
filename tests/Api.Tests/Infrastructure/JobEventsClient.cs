using System.Net.ServerSentEvents;
using System.Net.Http.Json;
using System.Text.Json;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>One server-sent event as a client saw it.</summary>
public sealed record ReceivedEvent(string Name, string Id, JsonElement Data, DateTimeOffset ReceivedAt)
{
    public int Step => Data.GetProperty("generatorStep").GetInt32();

    public string Status => Data.GetProperty("status").GetString()!;
}

/// <summary>Reads GET /jobs/{id}/events with the BCL's SSE parser, as a client library would.</summary>
public static class JobEventsClient
{
    /// <summary>Every event until the server ends the stream.</summary>
    public static async Task<List<ReceivedEvent>> ReadToEndAsync(this HttpClient client, Guid jobId, string? lastEventId = null,
        TimeSpan? timeout = null)
    {
        var events = new List<ReceivedEvent>();
        await foreach (var e in client.ReadEventsAsync(jobId, lastEventId, timeout)) events.Add(e);
        return events;
    }

    public static IAsyncEnumerable<ReceivedEvent> ReadEventsAsync(this HttpClient client, Guid jobId, string? lastEventId = null,
        TimeSpan? timeout = null) => client.ReadEventsAsync($"/jobs/{jobId}/events", lastEventId, timeout);

    /// <summary>Any of the service's event streams (a job's, a sweep's) until the server ends it.</summary>
    public static async IAsyncEnumerable<ReceivedEvent> ReadEventsAsync(this HttpClient client, string path, string? lastEventId = null,
        TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        if (!response.IsSuccessStatusCode) Assert.Fail(
            $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(deadline.Token)}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
        var parser = SseParser.Create(body);
        await foreach (var item in parser.EnumerateAsync(deadline.Token))
        {
            using var data = JsonDocument.Parse(item.Data);
            yield return new ReceivedEvent(item.EventType, parser.LastEventId, data.RootElement.Clone(), DateTimeOffset.UtcNow);
        }
    }

    /// <summary>
    /// What a complete stream must be: each metric row and evaluation exactly once, in step order,
    /// equal to what the list routes return, ids that advance, and the final status last.
    /// </summary>
    public static async Task AssertMatchesRecordedRowsAsync(HttpClient client, Guid jobId, List<ReceivedEvent> events)
    {
        var metrics = (await client.GetFromJsonAsync<JsonElement>($"/jobs/{jobId}/metrics")).GetProperty("items").EnumerateArray().ToList();
        var evaluations = (await client.GetFromJsonAsync<JsonElement>($"/jobs/{jobId}/evaluations")).GetProperty("items").EnumerateArray()
            .ToList();
        var final = await client.GetJobAsync(jobId);

        var metricEvents = events.Where(e => e.Name == "metrics").ToList();
        var evaluationEvents = events.Where(e => e.Name == "evaluation").ToList();
        Assert.Equal(metrics.Select(m => m.GetRawText()), metricEvents.Select(e => e.Data.GetRawText()));
        Assert.Equal(evaluations.Select(m => m.GetRawText()), evaluationEvents.Select(e => e.Data.GetRawText()));
        Assert.NotEmpty(metricEvents);
        Assert.Equal("status", events[^1].Name);
        Assert.Equal(final.Status.ToString().ToLowerInvariant(), events[^1].Status);
        Assert.Single(events, e => e.Name == "status" && e.Status == events[^1].Status);
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        var steps = events.Where(e => e.Name != "status").Select(e => e.Step).ToList();
        Assert.Equal(steps.Order(), steps);
    }
}
