using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using WganService.Api.Deployment;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using Xunit.Abstractions;

namespace WganService.Api.Tests.Outage;

/// <summary>
/// Server mode with PostgreSQL stopped under a running Api: requests get a quick 503 ProblemDetails
/// with Retry-After (not a 500, not a hang), readiness says unhealthy, and once the database is back
/// the same Api process serves again, including an event stream opened before the outage.
/// </summary>
public sealed class ApiDatabaseOutageTests(ITestOutputHelper output)
{
    // Generous for a loaded CI machine; the figure measured here is printed.
    private static readonly TimeSpan MaxOutageAnswer = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task WhilePostgresIsDown_RequestsGet503Quickly_AndAfterItReturns_TheSameApiServesAgain()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        await using var cluster = await LocalPostgresCluster.CreateAsync(ct);
        var database = await cluster.CreateDatabaseAsync("wgan", ct);
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        // No worker runs: the job stays queued, so its event stream stays open across the outage.
        var job = await client.SubmitAsync(ApiClient.QuickJob());
        await using var events = client.ReadEventsAsync(job.Id, timeout: TimeSpan.FromMinutes(2)).GetAsyncEnumerator(ct);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("queued", events.Current.Status);

        await cluster.StopAsync(ct);
        var latencies = new List<TimeSpan>();
        foreach (var request in OutageRequests(job.Id))
        {
            var (response, took) = await TimeAsync(client, request, ct);
            latencies.Add(took);
            var problem = await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Database unavailable", problem.GetProperty("title").GetString());
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            Assert.True(took < MaxOutageAnswer, $"{request.Method} {request.RequestUri} took {took.TotalMilliseconds:0} ms");
        }
        var (ready, readyTook) = await TimeAsync(client, new HttpRequestMessage(HttpMethod.Get, "/health/ready"), ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync(ct));
        output.WriteLine($"during the outage: {latencies.Count} requests answered 503 in {Summary(latencies)}; " +
            $"/health/ready unhealthy in {readyTook.TotalMilliseconds:0} ms");

        var stoppedAt = Stopwatch.GetTimestamp();
        await cluster.StartAsync(ct);
        output.WriteLine($"cluster restarted in {Stopwatch.GetElapsedTime(stoppedAt).TotalMilliseconds:0} ms");
        var refusedAfterRestart = await PollUntilOkAsync(client, $"/jobs/{job.Id}", ct);
        output.WriteLine($"after the restart: {refusedAfterRestart} more 503(s) before the first 200");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/jobs", ApiClient.QuickJob(), ApiClient.Json, ct)).StatusCode);

        // The stream opened before the outage is still open; the LISTEN connection has reconnected, so a
        // change made now reaches it (through a notification, or the re-read that follows a reconnect).
        var cancel = await PollUntilAsync(client, () => new HttpRequestMessage(HttpMethod.Post, $"/jobs/{job.Id}/cancel"), ct);
        Assert.Equal(HttpStatusCode.Accepted, cancel);
        Assert.True(await events.MoveNextAsync(), "the event stream ended instead of delivering the cancellation");
        Assert.Equal(("status", "cancelled"), (events.Current.Name, events.Current.Status));
    }

    [Fact]
    public async Task WhenTheDatabaseHostHangs_RequestsGet503AfterTheConnectTimeout_NotAfterMinutes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        await using var cluster = await LocalPostgresCluster.CreateAsync(ct);
        await using var api = WganApiFactory.ServerMode(cluster.AdminConnectionString, trainInApi: false);
        using var client = api.CreateClient();
        var job = await client.SubmitAsync(ApiClient.QuickJob());

        // The server goes away and something takes its port that accepts connections but never answers.
        await cluster.StopAsync(ct);
        await using var silent = new SilentServer(cluster.Port);
        // Idle pooled connections the stop broke fail at once (a quick 503 each); then a new one is opened.
        HttpResponseMessage response;
        TimeSpan took;
        var attempts = 0;
        do
        {
            (response, took) = await TimeAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/jobs/{job.Id}"), ct);
            await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable);
        }
        while (silent.Accepted == 0 && ++attempts < 50);

        Assert.True(silent.Accepted > 0, "no request reached the silent port");
        // The Api's connect timeout is 5 s (PostgresConnectionDefaults); Npgsql's own default would be 15 s.
        Assert.InRange(took, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10));
        output.WriteLine($"hung database host: 503 after {took.TotalMilliseconds:0} ms");
    }

    /// <summary>Reads, a list, a submission, a cancel, an event stream and a generation: each must reach the database.</summary>
    private static IEnumerable<HttpRequestMessage> OutageRequests(Guid jobId)
    {
        yield return new HttpRequestMessage(HttpMethod.Get, $"/jobs/{jobId}");
        yield return new HttpRequestMessage(HttpMethod.Get, "/jobs");
        yield return new HttpRequestMessage(HttpMethod.Get, $"/jobs/{jobId}/metrics");
        yield return new HttpRequestMessage(HttpMethod.Post, "/jobs")
        {
            Content = JsonContent.Create(ApiClient.QuickJob(), options: ApiClient.Json),
        };
        yield return new HttpRequestMessage(HttpMethod.Post, $"/jobs/{jobId}/cancel");
        yield return new HttpRequestMessage(HttpMethod.Get, $"/jobs/{jobId}/events");
        yield return new HttpRequestMessage(HttpMethod.Post, "/generate") { Content = JsonContent.Create(new { jobId, count = 1 }) };
        yield return new HttpRequestMessage(HttpMethod.Get, "/datasets");
        yield return new HttpRequestMessage(HttpMethod.Get, "/models");
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Took)> TimeAsync(HttpClient client, HttpRequestMessage request,
        CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await client.SendAsync(request, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return (response, Stopwatch.GetElapsedTime(started));
    }

    /// <returns>How many 503s came before the 200.</returns>
    private static async Task<int> PollUntilOkAsync(HttpClient client, string path, CancellationToken ct)
    {
        var refused = 0;
        while (true)
        {
            var response = await client.GetAsync(path, ct);
            if (response.StatusCode == HttpStatusCode.OK) return refused;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            refused++;
            await Task.Delay(100, ct);
        }
    }

    /// <summary>Sends until the answer is not a 503 (each idle pooled connection the restart broke fails once).</summary>
    private static async Task<HttpStatusCode> PollUntilAsync(HttpClient client, Func<HttpRequestMessage> request, CancellationToken ct)
    {
        while (true)
        {
            var response = await client.SendAsync(request(), ct);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable) return response.StatusCode;
            await Task.Delay(100, ct);
        }
    }

    private static string Summary(List<TimeSpan> latencies)
    {
        var ms = latencies.Select(l => l.TotalMilliseconds).Order().ToList();
        return $"median {ms[ms.Count / 2]:0} ms, max {ms[^1]:0} ms";
    }
}
