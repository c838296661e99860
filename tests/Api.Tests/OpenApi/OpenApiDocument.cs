using System.Text.Json;

namespace WganService.Api.Tests.OpenApi;

/// <summary>The live OpenAPI document's operations, read as plain JSON (what a client generator sees).</summary>
internal sealed record OpenApiOperation(string Method, string Path, JsonElement Element)
{
    public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";

    public string? OperationId => Element.TryGetProperty("operationId", out var id) ? id.GetString() : null;

    public JsonElement Responses => Element.GetProperty("responses");

    /// <summary>Anonymous operations override the document's ApiKey requirement with an empty list.</summary>
    public bool NeedsKey => !Element.TryGetProperty("security", out var security) || security.GetArrayLength() > 0;

    public static async Task<(JsonElement Document, IReadOnlyList<OpenApiOperation> Operations)> ReadAsync(HttpClient client)
    {
        var document = JsonDocument.Parse(await client.GetStringAsync(Api.OpenApi.OpenApiSetup.DocumentPath)).RootElement;
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => new OpenApiOperation(method.Name, path.Name, method.Value)))
            .ToList();
        return (document, operations);
    }
}
