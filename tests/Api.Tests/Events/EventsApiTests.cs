using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Events;
using WganService.Api.Tests.Infrastructure;

namespace WganService.Api.Tests.Events;

public class EventsApiTests : EmbeddedApiTest
{
    private static object EvaluatedJob(int steps) => new
    {
        dataset = "8gaussians", variant = "wgan-gp",
        hyperparameters = new { generatorSteps = steps, batchSize = 32, seed = 5, metricsEvery = 5, evaluateEvery = 10 },
    };

    [Fact]
    public async Task Stream_DeliversEveryRowOnce_InStepOrder_AndEndsAfterTheFinalStatus()
    {
        var job = await Client.SubmitAsync(EvaluatedJob(steps: 40));

        var events = await Client.ReadToEndAsync(job.Id);

        await JobEventsClient.AssertMatchesRecordedRowsAsync(Client, job.Id, events);
    }

    [Fact]
    public async Task ManySubscribers_ShareOneFeed_AndEachGetsTheWholeStream()
    {
        // Long enough to be running while the subscribers gather; cancelled once they have.
        var job = await Client.SubmitAsync(EvaluatedJob(steps: 100_000));
        var hub = Factory.Services.GetRequiredService<JobEventHub>();
        var metricsSeen = Enumerable.Range(0, 8).Select(_ => new TaskCompletionSource()).ToList();

        var streams = metricsSeen.Select(async seen =>
        {
            var events = new List<ReceivedEvent>();
            await foreach (var e in Client.ReadEventsAsync(job.Id))
            {
                events.Add(e);
                if (e.Name == "metrics") seen.TrySetResult();
            }
            return events;
        }).ToList();
        // A stream that fails before its first event must fail the test, not hang it.
        var gathered = Task.WhenAll(metricsSeen.Select(s => s.Task));
        if (await Task.WhenAny(gathered, Task.WhenAll(streams)) != gathered) await Task.WhenAll(streams);
        var watchedWhileStreaming = hub.WatchedJobs;
        (await Client.PostAsync($"/jobs/{job.Id}/cancel", null)).EnsureSuccessStatusCode();
        var all = await Task.WhenAll(streams);

        Assert.Equal(1, watchedWhileStreaming);
        foreach (var events in all) await JobEventsClient.AssertMatchesRecordedRowsAsync(Client, job.Id, events);
        Assert.All(all, events => Assert.Equal(all[0].Select(e => e.Id), events.Select(e => e.Id)));
    }

    [Fact]
    public async Task Reconnecting_WithLastEventId_ResumesRightAfterIt()
    {
        var job = await Client.SubmitAsync(EvaluatedJob(steps: 30));
        var whole = await Client.ReadToEndAsync(job.Id);

        foreach (var k in new[] { 0, whole.Count / 2, whole.Count - 2 })
        {
            var resumed = await Client.ReadToEndAsync(job.Id, lastEventId: whole[k].Id);
            // Every row after the cursor, once; statuses that came and went meanwhile collapse into the current one.
            Assert.Equal(Rows(whole.Skip(k + 1)), Rows(resumed));
            Assert.Equal(whole[^1].Data.GetRawText(), resumed[^1].Data.GetRawText());
        }
        // EventSource cannot set headers on a first connection; the query parameter does the same.
        var viaQuery = await Client.GetStringAsync($"/jobs/{job.Id}/events?lastEventId={Uri.EscapeDataString(whole[^2].Id)}");
        Assert.Contains($"id: {whole[^1].Id}", viaQuery, StringComparison.Ordinal);
        Assert.DoesNotContain($"id: {whole[^2].Id}\n", viaQuery, StringComparison.Ordinal);

        // After the final status there is nothing more: 204 stops an EventSource from reconnecting.
        using var afterFinal = new HttpRequestMessage(HttpMethod.Get, $"/jobs/{job.Id}/events");
        afterFinal.Headers.Add("Last-Event-ID", whole[^1].Id);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(afterFinal)).StatusCode);
    }

    private static List<string> Rows(IEnumerable<ReceivedEvent> events) =>
        events.Where(e => e.Name != "status").Select(e => $"{e.Name} {e.Data.GetRawText()}").ToList();

    [Theory]
    [InlineData("banana")]
    [InlineData("10:0")]
    [InlineData("10:0:exploded")]
    [InlineData("-5:0:running")]
    public async Task MalformedLastEventId_Is400NamingIt(string lastEventId)
    {
        var job = await Client.SubmitAsync(EvaluatedJob(steps: 10));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/jobs/{job.Id}/events");
        request.Headers.Add("Last-Event-ID", lastEventId);

        using var response = await Client.SendAsync(request);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "Last-Event-ID");
    }

    [Fact]
    public async Task UnknownJob_Is404()
    {
        using var response = await Client.GetAsync($"/jobs/{Guid.NewGuid()}/events");
        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }
}
