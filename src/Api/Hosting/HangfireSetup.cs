using Hangfire;
using WganService.Api.Auth;
using WganService.Api.Deployment;
using WganService.Domain.Training;

namespace WganService.Api.Hosting;

public static class HangfireSetup
{
    /// <summary>Hangfire as a client, plus a training server in-process in embedded mode (or when configured).</summary>
    public static void AddWganHangfire(this WebApplicationBuilder builder, ServiceMode mode)
    {
        builder.Services.AddTrainingClient(mode.PostgresConnectionString);
        if (!mode.RunsTrainingWorker) return;

        builder.Services.AddHostedService<QueuedJobRecovery>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TrainingServer.HostShutdownTimeout);
        // One job at a time, leaving a core for the Api: two trainings on the same cores are each several times slower.
        builder.Services.AddTrainingServer($"api-{Environment.MachineName}", workerCount: 1, sharedWithApi: true);
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
