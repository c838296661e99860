using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace WganService.Api.OpenApi;

/// <summary>One sentence per tag, so a reader (and a generated client's docs) knows what each group is for.</summary>
internal sealed class TagDescriptionsFilter : IDocumentFilter
{
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["Authentication"] = "Browser sessions: the dashboard trades an API key for an HttpOnly cookie. "
            + "Programs send the key in the X-Api-Key header instead.",
        ["Datasets"] = "Built-in toy sets and uploads (IDX, NumPy .npy, CSV, ZIPs of images, optional class labels), "
            + "stored in the database with a held-out share for evaluation.",
        ["Generation"] = "Sampling from a trained generator (a job's best or final weights, or a registered model version) "
            + "as JSON, a PNG grid or a NumPy array.",
        ["Jobs"] = "Training jobs: submit, watch (status, metrics, evaluations, live events), cancel, and download "
            + "what they produced.",
        ["Sweeps"] = "Hyperparameter searches: trials drawn from a search space run as jobs on every worker, most stopped early "
            + "by successive halving; the best trial's generator registers like any job's.",
        ["Models"] = "The model registry: job generators published under a name in numbered, immutable versions, per tenant.",
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        swaggerDoc.Tags ??= new HashSet<OpenApiTag>();
        var used = swaggerDoc.Paths.Values.Where(p => p.Operations is not null).SelectMany(p => p.Operations!.Values)
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).OfType<string>().Distinct().ToList();
        foreach (var name in used)
        {
            var tag = swaggerDoc.Tags.FirstOrDefault(t => t.Name == name);
            if (tag is null) swaggerDoc.Tags.Add(tag = new OpenApiTag { Name = name });
            // A tag without a sentence here stays without one, and the contract test names it.
            if (Descriptions.TryGetValue(name, out var description)) tag.Description = description;
        }
    }
}
