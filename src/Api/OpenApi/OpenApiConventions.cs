using Microsoft.AspNetCore.Mvc;

namespace WganService.Api.OpenApi;

/// <summary>An example for the document: a request body (no status) or the response of one status.</summary>
public sealed record OpenApiExampleMetadata(int? StatusCode, string Name, string Summary, object Value);

/// <summary>Route conventions that feed the OpenAPI document.</summary>
public static class OpenApiConventions
{
    /// <summary>
    /// The route reads or writes the database, so it answers 503 with Retry-After while the database
    /// cannot be reached (<see cref="Errors.ProblemExceptionHandler"/>).
    /// </summary>
    public static TBuilder ProducesDatabaseUnavailable<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeAttribute(typeof(ProblemDetails), StatusCodes.Status503ServiceUnavailable,
            ResponseContentFilter.ProblemJson));

    /// <summary>A request body example: a real request object, written as the service reads it.</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, string name, string summary, object value)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new OpenApiExampleMetadata(null, name, summary, value));

    /// <summary>A response body example for one status: a real response object, written as the service writes it.</summary>
    public static TBuilder WithResponseExample<TBuilder>(this TBuilder builder, int statusCode, string name, string summary, object value)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new OpenApiExampleMetadata(statusCode, name, summary, value));
}
