using Microsoft.Extensions.Configuration.Json;
using Serilog;

namespace WganService.Worker;

/// <summary>
/// Serilog on the generic host (Serilog.Extensions.Hosting): nothing in a worker needs ASP.NET Core,
/// so its image carries the .NET runtime only. Sinks and template come from configuration, as the Api's.
/// </summary>
public static class LoggingSetup
{
    /// <summary>The sinks and the console template, shared with the Api (src/serilog.json, linked into both outputs).</summary>
    public const string SharedSettingsFile = "serilog.json";

    public static void AddWorkerLogging(this HostApplicationBuilder builder)
    {
        // Under every other source (index 0), so appsettings.json, environment variables and the command
        // line override it; from the application's folder, since a worker's content root is its working directory.
        var source = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, SharedSettingsFile) };
        source.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, source);
        // preserveStaticLogger: the bootstrap logger in Program.cs stays for start-up failures. FromLogContext
        // in code: the job id on a job's lines is a log scope, and no configuration should lose it.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext(), preserveStaticLogger: true);
    }
}
