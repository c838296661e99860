using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WganService.Domain.Jobs;

namespace WganService.Api.Errors;

/// <summary>
/// Turns the exceptions a client can cause into ProblemDetails: unreadable JSON or a query value of
/// the wrong type (400 naming the field), a status change that lost a race (409), and the database
/// being unreachable (503 with Retry-After: the request was fine, try again). Everything else stays a 500.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [FieldPath(json.Path)] = [Rule(json)] })
            {
                Title = "The request body is not valid JSON for this endpoint.",
                Status = StatusCodes.Status400BadRequest,
            },
            BadHttpRequestException bad when BindingFailure.Describe(bad) is { } binding => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [binding.Field] = [binding.Rule] })
            {
                Title = "The request does not fit this endpoint.",
                Status = StatusCodes.Status400BadRequest,
            },
            BadHttpRequestException bad => new ProblemDetails { Title = "Bad request", Detail = bad.Message, Status = bad.StatusCode },
            InvalidJobTransitionException or DbUpdateConcurrencyException => new ProblemDetails
            {
                Title = "The job changed meanwhile",
                Detail = exception.Message,
                Status = StatusCodes.Status409Conflict,
            },
            _ when DatabaseUnavailable.Is(exception) => new ProblemDetails
            {
                Title = "Database unavailable",
                Detail = "The service cannot reach its database right now. " +
                    "Retry later (a submission with an Idempotency-Key is safe to retry).",
                Status = StatusCodes.Status503ServiceUnavailable,
            },
            _ => null,
        };
        if (problem is null) return false;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(
                System.Globalization.CultureInfo.InvariantCulture);

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(
            new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>"$.hyperparameters.batchSize" → "hyperparameters.batchSize"; the body itself → "$".</summary>
    private static string FieldPath(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "$"
            : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;

    private static string Rule(JsonException json) =>
        // System.Text.Json's messages name CLR types; say what a client can act on.
        json.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "is not a known field."
        : json.Message.Contains("could not be converted", StringComparison.Ordinal) ? "has the wrong type or an unknown value."
        : "is not valid JSON.";
}
