using WganService.Domain.Persistence;
using WganService.Domain.Training;

namespace WganService.Worker;

public static class TrainingServerSetup
{
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
        builder.Services.AddTrainingClient(postgres);
        builder.Services.AddHostedService<HeartbeatFile>();
        // SIGTERM (docker stop, systemd) gives the running job time to checkpoint and hand itself back
        // before the process goes.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TrainingServer.HostShutdownTimeout);
        builder.Services.AddTrainingServer(
            $"worker-{Environment.MachineName}-{Environment.ProcessId}", builder.Configuration.GetValue("Worker:Concurrency", 1),
            sharedWithApi: false);
    }
}
