using System.Text.Json;
using System.Text.RegularExpressions;
using WganService.Api.Generation;
using WganService.Api.Hosting;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Jobs;

namespace WganService.Api.Tests.OpenApi;

/// <summary>
/// What other services rely on in /swagger/v1/swagger.json, checked without Node: .ci/openapi-lint.sh
/// lints the same live document with Redocly, and tests/Client.Tests generates a client from it.
/// </summary>
public sealed partial class OpenApiContractTests : EmbeddedApiTest
{
    [Fact]
    public async Task EveryOperation_HasAUniqueCamelCaseOperationId()
    {
        var (_, operations) = await OpenApiOperation.ReadAsync(Client);

        Assert.True(operations.Count >= 23, $"{operations.Count} operations");
        Assert.All(operations, o => Assert.Matches(CamelCase(), o.OperationId ?? $"(none on {o})"));
        var repeated = operations.GroupBy(o => o.OperationId).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(repeated);
    }

    [Fact]
    public async Task EveryOperation_DocumentsItsClientErrors_AsProblemDetails()
    {
        var (_, operations) = await OpenApiOperation.ReadAsync(Client);

        foreach (var operation in operations)
        {
            var responses = operation.Responses.EnumerateObject().ToList();
            Assert.True(responses.Any(r => r.Name.StartsWith('4')), $"{operation} documents no 4xx");
            foreach (var problem in responses.Where(r => r.Name is not "4XX" && r.Name[0] is '4' or '5'))
            {
                var schema = problem.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
                Assert.True(schema.GetProperty("$ref").GetString() is "#/components/schemas/ProblemDetails"
                    or "#/components/schemas/HttpValidationProblemDetails", $"{operation} {problem.Name}");
            }
            if (operation.NeedsKey) Assert.True(HasHeader(operation, "401", "WWW-Authenticate"), $"{operation}: no 401 with its challenge");
            foreach (var status in new[] { "429", "503" })
                if (operation.Responses.TryGetProperty(status, out _))
                    Assert.True(HasHeader(operation, status, "Retry-After"), $"{operation} {status} without Retry-After");
        }
        // The database-backed routes say they answer 503 while it is away; the rate-limited one, 429.
        Assert.True(HasHeader(operations.Single(o => o.OperationId == "createJob"), "503", "Retry-After"));
        Assert.True(HasHeader(operations.Single(o => o.OperationId == "generateSamples"), "429", "Retry-After"));
    }

    [Fact]
    public async Task EverySuccessResponse_WithABody_HasASchema()
    {
        var (_, operations) = await OpenApiOperation.ReadAsync(Client);

        foreach (var operation in operations)
        foreach (var success in operation.Responses.EnumerateObject().Where(r => r.Name.StartsWith('2') && r.Name != "204"))
        {
            var content = success.Value.GetProperty("content").EnumerateObject().ToList();
            Assert.True(content.Count > 0, $"{operation} {success.Name} has no content");
            Assert.All(content, media =>
                Assert.True(media.Value.TryGetProperty("schema", out _), $"{operation} {success.Name} {media.Name}"));
        }
    }

    [Fact]
    public async Task Generate_DocumentsTypedJson_AndThePictureAndArrayAsFiles()
    {
        var (_, operations) = await OpenApiOperation.ReadAsync(Client);

        var content = operations.Single(o => o.OperationId == "generateSamples").Responses.GetProperty("200").GetProperty("content");
        Assert.Equal("#/components/schemas/GenerateResponse",
            content.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        foreach (var file in new[] { "image/png", "application/octet-stream" })
            Assert.Equal("binary", content.GetProperty(file).GetProperty("schema").GetProperty("format").GetString());
    }

    [Fact]
    public async Task Document_NamesItsServer_DescribesEveryTag_AndStatesALicense()
    {
        var (document, _) = await OpenApiOperation.ReadAsync(Client);

        Assert.Equal("http://localhost", document.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.All(document.GetProperty("tags").EnumerateArray(), tag => Assert.False(
            string.IsNullOrWhiteSpace(tag.TryGetProperty("description", out var d) ? d.GetString() : null),
            tag.GetProperty("name").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(document.GetProperty("info").GetProperty("license").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Examples_AreRequestsTheServiceAccepts()
    {
        var (_, operations) = await OpenApiOperation.ReadAsync(Client);
        var strict = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiSetup.ConfigureJson(strict); // Unknown fields and unknown enum values throw, as they are refused over HTTP.

        var jobs = Examples(operations.Single(o => o.OperationId == "createJob").Element.GetProperty("requestBody"));
        Assert.True(jobs.Count >= 2);
        foreach (var example in jobs)
        {
            var spec = example.Deserialize<JobSpec>(strict)!;
            Assert.False(string.IsNullOrEmpty(spec.Dataset));
            Assert.NotNull(spec.Variant);
        }

        var generate = operations.Single(o => o.OperationId == "generateSamples").Element;
        var requests = Examples(generate.GetProperty("requestBody"));
        Assert.True(requests.Count >= 2);
        foreach (var example in requests)
            Assert.False(GenerateRequestRules.Check(example.Deserialize<GenerateRequest>(strict)!, maxCount: 64).Any, example.ToString());
        var response = Examples(generate.GetProperty("responses").GetProperty("200")).Single().Deserialize<GenerateResponse>(strict)!;
        Assert.Equal(response.Count, response.Samples.Length);
    }

    private static List<JsonElement> Examples(JsonElement withContent) =>
        [.. withContent.GetProperty("content").GetProperty("application/json").GetProperty("examples").EnumerateObject()
            .Select(e => e.Value.GetProperty("value"))];

    private static bool HasHeader(OpenApiOperation operation, string status, string header) =>
        operation.Responses.TryGetProperty(status, out var response) && response.TryGetProperty("headers", out var headers)
        && headers.TryGetProperty(header, out _);

    [GeneratedRegex("^[a-z][a-zA-Z]+$")]
    private static partial Regex CamelCase();
}
