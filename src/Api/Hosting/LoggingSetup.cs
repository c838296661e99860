using Microsoft.Extensions.Configuration.Json;
using Serilog;

namespace WganService.Api.Hosting;

/// <summary>Serilog for the Api; sinks and template come from configuration, as the Worker's (src/Worker/LoggingSetup.cs).</summary>
public static class LoggingSetup
{
    /// <summary>The sinks and the console template, shared with the Worker (src/serilog.json, linked into both outputs).</summary>
    public const string SharedSettingsFile = "serilog.json";

    public static void AddWganLogging(this WebApplicationBuilder builder)
    {
        // Under every other source (index 0), so appsettings.json, environment variables and the command
        // line override it; from the application's folder, since tests give the Api its project folder as content root.
        var source = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, SharedSettingsFile) };
        source.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, source);
        // preserveStaticLogger: each host (tests start several) gets its own logger; the static
        // bootstrap logger in Program.cs stays for start-up failures. FromLogContext in code: the job id
        // on a job's lines is a log scope, and no configuration should lose it.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext(), preserveStaticLogger: true);
    }
}
