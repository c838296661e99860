using Microsoft.OpenApi;

namespace WganService.Api.OpenApi;

/// <summary>
/// The OpenAPI document at /swagger/v1/swagger.json is the service's contract: other services generate
/// their clients from it (tests/Client.Tests does, with Kiota), and CI lints it with Redocly's recommended
/// rules (.ci/openapi-lint.sh). Routes declare their own names, results and problems; the filters here add
/// what every route shares (authentication, the database being away, unreadable bodies) from the same
/// places that produce those answers, so the document says what the service really returns.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPath = $"/swagger/{DocumentName}/swagger.json";

    public static void AddWganOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "WganService",
                Version = DocumentName,
                Description = "Train Wasserstein GANs on built-in or uploaded data, watch them learn, and sample from what they "
                    + "learned. Errors are RFC 9457 problem details; a 400 names each field and the rule it broke.",
                // The repository grants no licence: this says so rather than inventing one (the owner's decision).
                License = new OpenApiLicense
                {
                    Name = "Proprietary: all rights reserved (the repository grants no licence)",
                    Url = new Uri("https://choosealicense.com/no-permission/"),
                },
            });
            o.IncludeXmlComments(typeof(OpenApiSetup).Assembly);
            // In this order: 2xx bodies and problem bodies first, then the problems every route shares, then examples.
            o.OperationFilter<ResponseContentFilter>();
            o.OperationFilter<SharedProblemsFilter>();
            o.OperationFilter<ExamplesFilter>();
            o.DocumentFilter<TagDescriptionsFilter>();
        });
    }

    public static void UseWganOpenApi(this WebApplication app)
    {
        // The server is the address the document was fetched from (behind a proxy, as forwarded), so a
        // client generated from it talks to the instance that served it.
        app.UseSwagger(o => o.PreSerializeFilters.Add((document, request) =>
            document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host.Value}{request.PathBase}" }]));
        app.UseSwaggerUI();
    }
}
