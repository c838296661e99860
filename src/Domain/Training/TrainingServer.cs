using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TorchSharp;

namespace WganService.Domain.Training;

/// <summary>
/// Hangfire for training, registered once for both hosts: the Api (a client, and in embedded mode the
/// training server too) and the Worker (the training server), so the two cannot drift apart.
/// </summary>
public static class TrainingServer
{
    /// <summary>
    /// How long a host that trains waits for its services on stop (SIGTERM, docker stop; .NET's default
    /// too): each such host sets HostOptions.ShutdownTimeout to it, and Hangfire's own timeouts below are
    /// taken from it so they fit inside.
    /// </summary>
    public static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What every host needs, training or not: the training options, Hangfire as a client on the shared
    /// storage, and the sweepers that keep the jobs table honest.
    /// </summary>
    public static IServiceCollection AddTrainingClient(this IServiceCollection services, string? postgres)
    {
        services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.Section)
            .Validate(o => o.Threads is null or > 0, "Training:Threads must be positive.")
            .ValidateOnStart();
        services.AddHangfire(c => c.UseWganStorage(postgres));
        services.AddScoped<JobEnqueuer>();
        // Also where no worker runs in this process: a job whose worker died then reads "queued", not "running".
        services.AddHostedService<AbandonedJobSweeper>();
        // A job inserted while its enqueue failed (the database lost in between) would otherwise wait forever.
        services.AddHostedService<StrandedJobSweeper>();
        services.AddSingleton<SweepDecisions>();
        // Sweeps move on as their trials end; this catches the ends no worker decided on (a trial failed by a
        // sweeper, cancelled alone, or whose worker died between its result and its decision).
        services.AddHostedService<SweepSettler>();
        return services;
    }

    /// <summary>A Hangfire server on the training queue, running <paramref name="workerCount"/> jobs at a time.</summary>
    /// <param name="sharedWithApi">
    /// The Api serves requests from this process: leave it a core (see <see cref="TrainingOptions.Threads"/>).
    /// </param>
    public static IServiceCollection AddTrainingServer(
        this IServiceCollection services, string serverName, int workerCount, bool sharedWithApi)
    {
        services.AddHangfireServer((provider, server) =>
        {
            var training = provider.GetRequiredService<IOptions<TrainingOptions>>().Value;
            // Process-wide, and set before the first job: TorchSharp's thread pool is sized once.
            torch.set_num_threads(training.ResolveThreads(sharedWithApi));
            // Four beats a lease (Hangfire's default is one every 30 s), so that StrandedJobSweeper can take a
            // server silent for a whole lease for dead, as AbandonedJobSweeper takes a worker whose job lease ran out.
            server.HeartbeatInterval = training.LeaseDuration / 4;
            server.ServerName = serverName;
            server.Queues = [HangfireStorage.PromotedQueue, HangfireStorage.TrainingQueue];
            server.WorkerCount = workerCount;
            // Keep continuations on the worker thread: TorchSharp's dispose scopes are thread-local.
            server.TaskScheduler = null;
            // A job's Hangfire token fires when the stop timeout runs out, not at SIGTERM; the runner hears
            // the host's stop signal first and checkpoints and hands its job back well within these, and
            // Hangfire's shutdown fits inside the host's. (The Api used 15 s and 20 s, under .NET's default
            // 30 s host timeout it never set; one rule for both hosts now.)
            server.StopTimeout = HostShutdownTimeout - TimeSpan.FromSeconds(10);
            server.ShutdownTimeout = HostShutdownTimeout - TimeSpan.FromSeconds(5);
        });
        return services;
    }
}
