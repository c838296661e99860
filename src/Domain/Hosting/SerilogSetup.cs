using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace WganService.Domain.Hosting;

/// <summary>
/// Serilog for both hosts, the Api and the Worker (Serilog.Extensions.Hosting: nothing here needs ASP.NET Core,
/// so the worker image carries the .NET runtime only). Sinks and the console template come from configuration.
/// </summary>
public static class SerilogSetup
{
    /// <summary>The sinks and the console template, shared by both hosts (src/serilog.json, linked into both outputs).</summary>
    public const string SharedSettingsFile = "serilog.json";

    public static void AddWganSerilog(this IHostApplicationBuilder builder)
    {
        // Under every other source (index 0), so appsettings.json, environment variables and the command line
        // override it; from the application's folder, since neither a worker's content root (its working
        // directory) nor the Api's in tests (its project folder) holds it.
        var source = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, SharedSettingsFile) };
        source.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, source);
        // preserveStaticLogger: each host (tests start several) gets its own logger; the static bootstrap logger in
        // Program.cs stays for start-up failures. FromLogContext in code: the job id on a job's lines is a log
        // scope, and no configuration should lose it.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext(), preserveStaticLogger: true);
    }
}
