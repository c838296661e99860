using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WganService.Api.Tests.Tenants;

/// <summary>
/// Every route that reaches a tenant's job, dataset, model or sweep, as a table: what its owner (and an admin)
/// gets, and the check that another tenant gets exactly what an unknown id or name gets.
/// </summary>
/// <param name="Owner">The owner's and the admin's status; null for routes whose success would destroy the fixture (checked on their
/// own).</param>
/// <remarks>
/// Placeholders: {job}, {dataset}, {model}, {sweep} (alice's), {ns} (the ?tenant= an admin adds for a name in alice's namespace).
/// </remarks>
public sealed record TenantRoute(string Name, string Method, string Path, string? Body, HttpStatusCode? Owner)
{
    public static readonly TenantRoute[] All =
    [
        new("get job", "GET", "/jobs/{job}", null, HttpStatusCode.OK),
        new("cancel job", "POST", "/jobs/{job}/cancel", null, HttpStatusCode.Conflict), // finished: 409, which shows the job was found
        new("metrics", "GET", "/jobs/{job}/metrics", null, HttpStatusCode.OK),
        new("evaluations", "GET", "/jobs/{job}/evaluations", null, HttpStatusCode.OK),
        new("samples.png", "GET", "/jobs/{job}/samples.png", null, HttpStatusCode.OK),
        new("events", "GET", "/jobs/{job}/events", null, HttpStatusCode.OK),
        new("tensorboard", "GET", "/jobs/{job}/tensorboard", null, HttpStatusCode.OK),
        new("generator export", "GET", "/jobs/{job}/generator", null, HttpStatusCode.OK),
        new("generate by job", "POST", "/generate", """{"jobId":"{job}","count":2,"seed":1}""", HttpStatusCode.OK),
        new("register model from job", "POST", "/models", """{"name":"probe","jobId":"{job}"}""", HttpStatusCode.Created),
        new("get dataset", "GET", "/datasets/{dataset}", null, HttpStatusCode.OK),
        new("train on dataset", "POST", "/jobs",
            """{"dataset":"{dataset}","variant":"wgan","hyperparameters":{"generatorSteps":1,"batchSize":8}}""", HttpStatusCode.Accepted),
        new("delete dataset", "DELETE", "/datasets/{dataset}", null, null),
        new("get model", "GET", "/models/{model}{ns}", null, HttpStatusCode.OK),
        new("get model version", "GET", "/models/{model}/versions/1{ns}", null, HttpStatusCode.OK),
        new("model version generator", "GET", "/models/{model}/versions/1/generator{ns}", null, HttpStatusCode.OK),
        new("generate by model", "POST", "/generate{ns}", """{"model":"{model}","count":2,"seed":1}""", HttpStatusCode.OK),
        new("delete model version", "DELETE", "/models/{model}/versions/1{ns}", null, null),
        new("get sweep", "GET", "/sweeps/{sweep}", null, HttpStatusCode.OK),
        new("sweep events", "GET", "/sweeps/{sweep}/events", null, HttpStatusCode.OK),
        new("cancel sweep", "POST", "/sweeps/{sweep}/cancel", null, HttpStatusCode.Conflict), // finished: 409, so it was found
    ];

    public static TheoryData<string> Names => [.. All.Select(r => r.Name)];

    public static TenantRoute Named(string name) => All.Single(r => r.Name == name);

    public HttpRequestMessage Build(Ids ids, bool admin)
    {
        string Fill(string s) => s.Replace("{job}", ids.Job, StringComparison.Ordinal)
            .Replace("{dataset}", ids.Dataset, StringComparison.Ordinal)
            .Replace("{model}", ids.Model, StringComparison.Ordinal)
            .Replace("{sweep}", ids.Sweep, StringComparison.Ordinal)
                .Replace("{ns}", admin ? "?tenant=alice" : "", StringComparison.Ordinal);
        return new HttpRequestMessage(new HttpMethod(Method), Fill(Path))
        {
            Content = Body is null ? null : new StringContent(Fill(Body), Encoding.UTF8, "application/json"),
        };
    }

    /// <summary>
    /// A problem body with its ids written as placeholders and its trace id left out, so two answers compare as what a client learns from
    /// them.
    /// </summary>
    public static string Normalise(string body, Ids ids)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString().Replace(ids.Job, "{job}", StringComparison.Ordinal)
            .Replace(ids.Dataset, "{dataset}", StringComparison.Ordinal).Replace(ids.Model, "{model}", StringComparison.Ordinal)
            .Replace(ids.Sweep, "{sweep}", StringComparison.Ordinal);
    }

    public sealed record Ids(string Job, string Dataset, string Model, string Sweep)
    {
        public static Ids Unknown() =>
            new(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "no-such-model", Guid.NewGuid().ToString());
    }
}
