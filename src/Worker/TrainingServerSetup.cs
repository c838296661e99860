using Hangfire;
using Microsoft.Extensions.Options;
using Serilog;
using TorchSharp;
using WganService.Domain.Persistence;
using WganService.Domain.Training;

namespace WganService.Worker;

public static class TrainingServerSetup
{
    private static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(30);

    public static void AddWorkerLogging(this HostApplicationBuilder builder) =>
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}"),
            preserveStaticLogger: true);

    /// <summary>
    /// A Hangfire server on the training queue against the shared PostgreSQL database. Workers never
    /// migrate the schema (the Api does), and one worker trains one job at a time on its device.
    /// </summary>
    public static void AddTrainingServer(this HostApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(postgres))
            throw new InvalidOperationException(
                "ConnectionStrings:Postgres is not set. A worker trains jobs from the Api's PostgreSQL database " +
                "(set ConnectionStrings__Postgres); the embedded mode trains inside the Api and needs no worker.");

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddWganDatabase(postgres, sqliteFile: "");
        builder.Services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.Section)
            .Validate(o => o.Threads is null or > 0, "Training:Threads must be positive.").ValidateOnStart();
        builder.Services.AddHangfire(c => c.UseWganStorage(postgres));
        // SIGTERM (docker stop, systemd) gives the running job time to checkpoint and hand itself back
        // before the process goes; Hangfire's own shutdown timeout must fit inside the host's.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = HostShutdownTimeout);
        builder.Services.AddScoped<JobEnqueuer>();
        builder.Services.AddHostedService<AbandonedJobSweeper>();
        builder.Services.AddHostedService<StrandedJobSweeper>();
        builder.Services.AddHostedService<HeartbeatFile>();
        builder.Services.AddHangfireServer((services, server) =>
        {
            var training = services.GetRequiredService<IOptions<TrainingOptions>>().Value;
            torch.set_num_threads(training.ResolveThreads(sharedWithApi: false));
            server.BeatFourTimesALease(training);
            server.ServerName = $"worker-{Environment.MachineName}-{Environment.ProcessId}";
            server.Queues = [HangfireStorage.TrainingQueue];
            server.WorkerCount = builder.Configuration.GetValue("Worker:Concurrency", 1);
            // Keep continuations on the worker thread: TorchSharp's dispose scopes are thread-local.
            server.TaskScheduler = null;
            // A job's Hangfire token fires when the stop timeout runs out, not at SIGTERM; the runner
            // hears the host's stop signal first and hands its job back well within these.
            server.StopTimeout = HostShutdownTimeout - TimeSpan.FromSeconds(10);
            server.ShutdownTimeout = HostShutdownTimeout - TimeSpan.FromSeconds(5);
        });
    }
}
