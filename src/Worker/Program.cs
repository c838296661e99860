using Serilog;
using WganService.Domain.Hosting;
using WganService.Worker;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddWganSerilog();
    builder.AddTrainingServer();
    await builder.Build().RunAsync();
}
catch (Exception e) when (e is not HostAbortedException)
{
    Log.Fatal(e, "WganService Worker stopped unexpectedly");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}
