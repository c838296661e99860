using Serilog;
using WganService.Api.Auth;
using WganService.Api.Datasets;
using WganService.Api.Events;
using WganService.Api.Generation;
using WganService.Api.Hosting;
using WganService.Api.Jobs;
using WganService.Api.Models;
using WganService.Api.Sweeps;
using WganService.Domain.Hosting;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddWganSerilog();
    var mode = builder.AddWganPersistence();
    builder.AddWganListening(mode);
    builder.AddWganHangfire(mode);
    builder.AddWganEvents(mode);
    builder.AddWganApi();
    builder.AddWganMetrics();
    builder.AddWganAuth();
    builder.AddWganDataProtection(mode);
    builder.AddWganForwardedHeaders();

    var app = builder.Build();
    if (await app.MigrateOnlyAsync()) return;
    app.UseWganForwardedHeaders();
    app.UseSerilogRequestLogging();
    app.UseWganApi();
    app.UseWganAuth();
    app.MapSessionApi();
    app.MapJobsApi();
    app.MapJobEventsApi();
    app.MapSweepsApi();
    app.MapSweepEventsApi();
    app.MapGeneratorExportApi();
    app.MapTensorBoardApi();
    app.MapGenerateApi().WithGenerateDurationMetric();
    app.MapModelsApi();
    app.MapModelGeneratorExportApi();
    app.MapDatasetsApi();
    app.MapWganHealth();
    app.MapWganMetrics();
    app.MapWganHangfireDashboard();

    await app.MigrateWganDatabaseAsync();
    await app.RunAsync();
}
catch (Exception e) when (e is not HostAbortedException)
{
    Log.Fatal(e, "WganService Api stopped unexpectedly");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
