using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using WganService.Api.Auth;
using WganService.Api.Errors;

namespace WganService.Api.OpenApi;

/// <summary>
/// The answers routes share because of what runs before or around them, documented where they apply:
/// 401 from the fallback authorization policy (every route that does not allow anonymous callers), 400
/// from a body or query value the binder refuses and 415 from a JSON body of another media type (both
/// through <see cref="ProblemExceptionHandler"/>), and the Retry-After header on 429 (RateLimitSetup)
/// and 503 (the database unavailable). Responses are then listed in status order.
/// </summary>
internal sealed class SharedProblemsFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        var validationProblem = context.SchemaGenerator.GenerateSchema(typeof(HttpValidationProblemDetails), context.SchemaRepository);

        // Anonymous routes need no key: say so, rather than inherit the document's ApiKey requirement.
        if (metadata.OfType<IAllowAnonymous>().Any()) operation.Security = [];
        else Add(operation, StatusCodes.Status401Unauthorized, "No valid API key (only when the service has keys: Auth:ApiKeys).",
            problem);

        var jsonBody = operation.RequestBody?.Content?.ContainsKey("application/json") == true;
        var typedQuery = operation.Parameters?.Any(p => p.In is ParameterLocation.Query or ParameterLocation.Header
            && p.Schema?.Type is { } type && !type.HasFlag(JsonSchemaType.String)) == true;
        if (jsonBody || typedQuery)
            Add(operation, StatusCodes.Status400BadRequest, "The request is invalid; 'errors' names each field and the rule it broke.",
                validationProblem);
        if (jsonBody)
            Add(operation, StatusCodes.Status415UnsupportedMediaType, "The body is not sent as application/json.", problem);

        foreach (var (code, documented) in operation.Responses)
        {
            if (documented is not OpenApiResponse response) continue;
            if (code is "429" or "503")
                AddHeader(response, "Retry-After", "Seconds to wait before trying again.", JsonSchemaType.Integer);
            if (code == "401")
                AddHeader(response, "WWW-Authenticate", $"The credential to send: {AuthProblems.Challenge}.", JsonSchemaType.String);
        }

        // Only the session routes (anonymous, nothing to bind, no database) answer no 4xx of their own.
        if (!operation.Responses.Keys.Any(k => k.StartsWith('4')))
            operation.Responses["4XX"] = new OpenApiResponse
            {
                Description = "Refused by the server before reaching the route (malformed HTTP, headers too large); no body.",
            };

        var ordered = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (code, response) in ordered) operation.Responses[code] = response;
    }

    private static void Add(OpenApiOperation operation, int status, string description, IOpenApiSchema schema)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(code)) return;
        operation.Responses[code] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                [ResponseContentFilter.ProblemJson] = new OpenApiMediaType { Schema = schema },
            },
        };
    }

    private static void AddHeader(OpenApiResponse response, string name, string description, JsonSchemaType type)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers.TryAdd(name, new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } });
    }
}
