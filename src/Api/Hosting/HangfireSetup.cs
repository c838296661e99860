using Hangfire;
using TorchSharp;
using WganService.Api.Auth;
using WganService.Domain.Training;

namespace WganService.Api.Hosting;

public static class HangfireSetup
{
    /// <summary>Hangfire as a client, plus a training server in-process in embedded mode (or when configured).</summary>
    public static void AddWganHangfire(this WebApplicationBuilder builder, ServiceMode mode)
    {
        builder.Services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.Section)
            .Validate(o => o.Threads is null or > 0, "Training:Threads must be positive.")
            .ValidateOnStart();
        builder.Services.AddHangfire(c => c.UseWganStorage(mode.PostgresConnectionString));
        // Also without a worker in this process: a job whose worker died then reads "queued", not "running".
        builder.Services.AddHostedService<AbandonedJobSweeper>();
        // A job inserted while its enqueue failed (the database lost in between) would otherwise wait forever.
        builder.Services.AddHostedService<StrandedJobSweeper>();
        if (!mode.RunsTrainingWorker) return;

        builder.Services.AddHostedService<QueuedJobRecovery>();
        builder.Services.AddHangfireServer((services, server) =>
        {
            var training = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TrainingOptions>>().Value;
            // Leave a core for the Api so requests stay fast while a job trains (process-wide setting).
            torch.set_num_threads(training.ResolveThreads(sharedWithApi: true));
            server.BeatFourTimesALease(training);
            server.ServerName = $"api-{Environment.MachineName}";
            server.Queues = [HangfireStorage.TrainingQueue];
            // One job at a time: two trainings on the same cores are each several times slower.
            server.WorkerCount = 1;
            // Keep continuations on the worker thread: TorchSharp's dispose scopes are thread-local.
            server.TaskScheduler = null;
            // Time for a running job to checkpoint and hand itself back when the Api stops (see the Worker's setup).
            server.StopTimeout = TimeSpan.FromSeconds(15);
            server.ShutdownTimeout = TimeSpan.FromSeconds(20);
        });
    }

    /// <summary>
    /// The dashboard at /hangfire in both modes, behind the API's own admin policy instead of Hangfire's
    /// local-requests-only filter, which refuses everyone behind a proxy or in a container. Admin only:
    /// it lists every tenant's jobs.
    /// </summary>
    public static IEndpointConventionBuilder MapWganHangfireDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboardWithAuthorizationPolicy(AuthSchemes.AdminPolicy, "/hangfire", new DashboardOptions
        {
            AppPath = "/",
            DashboardTitle = "WganService jobs",
            // Read-only: the jobs table is the truth about a job; deleting or requeueing Hangfire's copy from
            // here would go around it. Cancel through POST /jobs/{id}/cancel.
            IsReadOnlyFunc = _ => true,
        });
}
