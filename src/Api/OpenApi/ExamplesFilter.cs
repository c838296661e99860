using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace WganService.Api.OpenApi;

/// <summary>
/// Writes the routes' <see cref="OpenApiExampleMetadata"/> into their JSON media types. Examples are
/// request and response objects serialised with the service's own JSON settings (the options the
/// endpoints use, null fields left out), so they cannot name a field or an enum value the service would
/// not read or write.
/// </summary>
internal sealed class ExamplesFilter(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> endpointJson) : IOperationFilter
{
    private readonly JsonSerializerOptions _json =
        new(endpointJson.Value.SerializerOptions) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var example in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<OpenApiExampleMetadata>())
        {
            var content = example.StatusCode is { } status
                ? operation.Responses?.GetValueOrDefault(status.ToString(CultureInfo.InvariantCulture))?.Content
                : operation.RequestBody?.Content;
            var target = example.StatusCode is null ? "request body" : $"{example.StatusCode} response";
            var media = content?.FirstOrDefault(c => c.Key.Contains("json", StringComparison.Ordinal)).Value as OpenApiMediaType
                ?? throw new InvalidOperationException(
                    $"{context.ApiDescription.RelativePath}: example '{example.Name}' has no JSON {target} to go in.");
            media.Examples ??= new Dictionary<string, IOpenApiExample>();
            media.Examples[example.Name] = new OpenApiExample
            {
                Summary = example.Summary,
                Value = JsonSerializer.SerializeToNode(example.Value, example.Value.GetType(), _json),
            };
        }
    }
}
