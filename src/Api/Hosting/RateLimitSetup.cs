using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using WganService.Api.Generation;

namespace WganService.Api.Hosting;

/// <summary>
/// /generate is the expensive public route: each client address gets a token bucket
/// (Generation:RateLimit). Over it, a 429 ProblemDetails with Retry-After; nothing is queued.
/// </summary>
public static class RateLimitSetup
{
    public static void AddGenerateRateLimit(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(GenerationOptions.Section)
            .Get<GenerationOptions>()?.RateLimit ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(GenerateApi.RateLimitPolicy, context => settings.PermitsPerSecond == 0
                ? RateLimitPartition.GetNoLimiter("off")
                : RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, settings.Burst),
                    TokensPerPeriod = settings.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"This client may make {settings.PermitsPerSecond} /generate requests a second " +
                            $"(bursts of {settings.Burst}). Retry after {seconds} s.",
                    },
                });
            };
        });
    }
}
