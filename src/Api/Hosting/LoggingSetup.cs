using Serilog;

namespace WganService.Api.Hosting;

public static class LoggingSetup
{
    /// <summary>The console template shows structured properties, the job id among them.</summary>
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: " +
        "{Message:lj} {Properties:j}{NewLine}{Exception}";

    public static void AddWganLogging(this WebApplicationBuilder builder) =>
        // preserveStaticLogger: each host (tests start several) gets its own logger; the static
        // bootstrap logger in Program.cs stays for start-up failures.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: ConsoleTemplate), preserveStaticLogger: true);
}
