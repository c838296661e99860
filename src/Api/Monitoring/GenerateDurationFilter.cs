using System.Diagnostics;
using System.Globalization;
using WganService.Api.Generation;

namespace WganService.Api.Monitoring;

/// <summary>
/// Times POST /generate around its handler, so the handler stays about sampling. The format label is
/// one of the known formats or "invalid" (never the client's string: labels must stay few); the
/// status is the result's code, or "exception" when the handler throws. Requests refused before the
/// handler (rate limit, unreadable body) are counted by the HTTP metrics only.
/// </summary>
internal sealed class GenerateDurationFilter(WganMeter meter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var format = context.Arguments.OfType<GenerateRequest>().FirstOrDefault()?.Format ?? "json";
        if (!GenerateRequestRules.Formats.Contains(format)) format = "invalid";
        var started = Stopwatch.GetTimestamp();
        var status = "exception";
        try
        {
            var result = await next(context);
            var code = result is IStatusCodeHttpResult { StatusCode: { } c } ? c : StatusCodes.Status200OK;
            status = code.ToString(CultureInfo.InvariantCulture);
            return result;
        }
        finally
        {
            meter.GenerateDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("format", format), new KeyValuePair<string, object?>("status", status));
        }
    }
}
