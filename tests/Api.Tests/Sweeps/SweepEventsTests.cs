using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Jobs;

namespace WganService.Api.Tests.Sweeps;

/// <summary>
/// GET /sweeps/{id}/events in embedded mode, against real halving sweeps on 8 Gaussians: each event is the whole sweep
/// when it changed, the stream ends with its final state, and reconnecting after that is 204.
/// </summary>
public sealed class SweepEventsTests : EmbeddedApiTest
{
    [Fact]
    public async Task TheStream_ShowsTrialsStoppedAsItHappens_AndEndsWithTheSweepAsGetShowsIt()
    {
        // 3 trials at η 3: the first trial to reach the first rung is stopped there while the others still wait.
        var sweep = await Client.SubmitSweepAsync(SweepClient.ToySweep(trials: 3, steps: 30));
        var events = new List<ReceivedEvent>();
        await foreach (var e in Client.ReadEventsAsync($"/sweeps/{sweep.Id}/events", timeout: TimeSpan.FromMinutes(8))) events.Add(e);

        Assert.All(events, e => Assert.Equal("sweep", e.Name));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal("succeeded", events[^1].Status);
        Assert.Equal("succeeded", events[^1].Id.Split(':')[1]);
        Assert.All(events[..^1], e => Assert.NotEqual("succeeded", e.Status));
        // Live: a decision reached the stream while the sweep still ran, not only in the final picture.
        Assert.Contains(events, e => e.Status == "running"
            && e.Data.GetProperty("trialJobs").EnumerateArray().Any(t => t.GetProperty("status").GetString() == "stopped"));
        // Steps trained only grow, and nothing is sent twice in a row unchanged.
        var trained = events.Select(e => e.Data.GetProperty("compute").GetProperty("generatorStepsTrained").GetInt64()).ToList();
        Assert.Equal(trained.Order(), trained);
        Assert.All(events.Zip(events.Skip(1)), pair => Assert.NotEqual(pair.First.Data.GetRawText(), pair.Second.Data.GetRawText()));

        var final = await Client.GetFromJsonAsync<JsonElement>($"/sweeps/{sweep.Id}");
        Assert.Equal(final.GetRawText(), events[^1].Data.GetRawText());

        // A client that saw the end is told to stop reconnecting.
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/sweeps/{sweep.Id}/events");
        again.Headers.Add("Last-Event-ID", events[^1].Id);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task CancellingTheSweep_EndsTheStreamWithCancelled()
    {
        var sweep = await Client.SubmitSweepAsync(SweepClient.ToySweep(trials: 4, steps: 200_000));
        var reading = Task.Run(async () =>
        {
            var events = new List<ReceivedEvent>();
            await foreach (var e in Client.ReadEventsAsync($"/sweeps/{sweep.Id}/events")) events.Add(e);
            return events;
        });
        // Cancel once a trial trains, so the stream has shown a running sweep first.
        await Client.WaitForSweepAsync(sweep.Id, s => s.TrialJobs.Any(t => t.Status == JobStatus.Running && t.GeneratorStep > 0));
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync($"/sweeps/{sweep.Id}/cancel", null)).StatusCode);

        var events = await reading;
        Assert.Equal("cancelled", events[^1].Status);
        Assert.Contains(events, e => e.Status == "running");
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("3:finished")]
    [InlineData("0:running")]
    public async Task MalformedLastEventId_Is400NamingIt(string lastEventId)
    {
        var sweep = await Client.SubmitSweepAsync(SweepClient.ToySweep(trials: 3, steps: 200_000));
        await Client.PostAsync($"/sweeps/{sweep.Id}/cancel", null);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/sweeps/{sweep.Id}/events");
        request.Headers.Add("Last-Event-ID", lastEventId);

        await Problem.AssertAsync(await Client.SendAsync(request), HttpStatusCode.BadRequest, "Last-Event-ID");
    }

    [Fact]
    public async Task UnknownSweep_Is404()
    {
        var response = await Client.GetAsync($"/sweeps/{Guid.NewGuid()}/events");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }
}
