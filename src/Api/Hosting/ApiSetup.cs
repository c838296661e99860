using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using WganService.Api.Errors;
using WganService.Api.Generation;
using WganService.Api.Jobs;
using WganService.Api.OpenApi;
using WganService.Domain.Training;

namespace WganService.Api.Hosting;

public static class ApiSetup
{
    public static void AddWganApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Malformed bodies throw (and become ProblemDetails above) instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddWganOpenApi();
        services.AddScoped<WganService.Domain.Datasets.Storage.DatasetStore>();
        services.AddOptions<Datasets.DatasetOptions>().BindConfiguration(Datasets.DatasetOptions.Section)
            .Validate(o => o.MaxUploadBytes > 0 && o.MaxSamples > 0, "Datasets limits must be positive.").ValidateOnStart();
        services.AddOptions<GenerationOptions>().BindConfiguration(GenerationOptions.Section)
            .Validate(o => !o.Problems().Any(), "Generation settings are invalid: Generation:MaxCount and CacheBytes must be positive, "
                + "Batching:Window 0 to 1 s, Batching:MaxBatchSamples a multiple of 64, RateLimit values not negative.").ValidateOnStart();
        services.AddMemoryCache();
        services.AddScoped<GeneratorLocator>();
        services.AddScoped<WganService.Domain.Models.Registry.ModelRegistry>();
        services.AddSingleton<GeneratorCache>();
        builder.AddGenerateRateLimit();
    }

    /// <summary>
    /// camelCase, enums as kebab-case strings ("wgan-gp"), unknown fields rejected so typos surface, and
    /// numbers only as JSON numbers: the web defaults also read "42" and "NaN" from strings, and a NaN
    /// passes every range check written as comparisons (the fuzz test sent one into the database).
    /// </summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    }

    public static void UseWganApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The browser dashboard: plain files from wwwroot, index.html at "/". No build step, no CDN.
        // Before the rate limiter (loading the page spends no API budget) and before UseWganAuth
        // (static files are public); the data it shows comes from the API with the caller's key.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseWganOpenApi();
    }

    public static void MapWganHealth(this WebApplication app)
    {
        // Anonymous: load balancers and orchestrators probe without keys.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Operations").AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).WithTags("Operations")
            .AllowAnonymous();
    }
}
