using System.Net;
using System.Net.Http.Json;
using WganService.Api.Tests.Infrastructure;

namespace WganService.Api.Tests.Generation;

public sealed class GenerateRateLimitTests
{
    [Fact]
    public async Task OverTheLimit_Is429_WithRetryAfter_AndOtherRoutesAreNotLimited()
    {
        await using var factory = WganApiFactory.Embedded();
        factory.Settings["Generation:RateLimit:PermitsPerSecond"] = "1";
        factory.Settings["Generation:RateLimit:Burst"] = "2";
        using var client = factory.CreateClient();
        var body = new { jobId = Guid.NewGuid() };

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) responses.Add(await client.PostAsJsonAsync("/generate", body));

        // The bucket starts with 2 tokens and gains 1 a second: of 4 quick requests, the first 2 pass.
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], responses.Take(2).Select(r => r.StatusCode));
        var limited = responses.Last();
        var problem = await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Contains("Retry after", problem.GetProperty("detail").GetString());
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 2);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/jobs")).StatusCode);
    }
}
