using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace WganService.Api.OpenApi;

/// <summary>
/// Gives every documented response a body schema. A route that answers one status in several formats
/// (POST /generate: JSON, a PNG, a .npy file) declares each with Produces, but the API explorer keeps
/// one per status, so the others are added back here, files as binary strings. And a 4xx or 5xx
/// documented without a body (TypedResults.NotFound()) gets ProblemDetails: UseStatusCodePages writes
/// one into every empty error response.
/// </summary>
internal sealed class ResponseContentFilter : IOperationFilter
{
    public const string ProblemJson = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        foreach (var produces in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>())
        {
            if (produces.StatusCode is < 200 or > 299 or StatusCodes.Status204NoContent) continue;
            var code = produces.StatusCode.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(code, out var existing))
                operation.Responses[code] = existing =
                    new OpenApiResponse { Description = ReasonPhrases.GetReasonPhrase(produces.StatusCode) };
            if (existing is not OpenApiResponse response) continue;
            response.Content ??= new Dictionary<string, IOpenApiMediaType>();
            foreach (var contentType in produces.ContentTypes.Where(c => !response.Content.ContainsKey(c)))
                response.Content[contentType] = new OpenApiMediaType { Schema = SchemaFor(produces.Type, contentType, context) };
        }

        foreach (var (code, documented) in operation.Responses)
        {
            if (code[0] is '4' or '5' && documented is OpenApiResponse { Content: null or { Count: 0 } } response)
                response.Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [ProblemJson] = new OpenApiMediaType
                    {
                        Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository),
                    },
                };
        }
    }

    /// <summary>Files (no type, a stream, bytes) are binary strings; text streams (server-sent events) are strings.</summary>
    private static IOpenApiSchema SchemaFor(Type? type, string contentType, OperationFilterContext context)
    {
        var isFile = type is null || type == typeof(void) || typeof(Stream).IsAssignableFrom(type) || type == typeof(byte[])
            || typeof(IResult).IsAssignableFrom(type);
        if (!isFile) return context.SchemaGenerator.GenerateSchema(type!, context.SchemaRepository);
        return contentType.StartsWith("text/", StringComparison.Ordinal)
            ? new OpenApiSchema { Type = JsonSchemaType.String }
            : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
    }
}
