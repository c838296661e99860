using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;

namespace WganService.Api.Tests.Reliability;

/// <summary>Reads what the API does not show (leases, checkpoints) straight from the service's database.</summary>
internal static class JobRows
{
    public static async Task<Job> JobAsync(this IServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WganDbContext>().Jobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }

    /// <summary>The generator step of the job's stored checkpoint, or null when it has none yet.</summary>
    public static async Task<int?> CheckpointStepAsync(this IServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WganDbContext>().Artifacts
            .Where(a => a.JobId == id && a.Kind == ArtifactKinds.Checkpoint).Select(a => (int?)a.GeneratorStep).SingleOrDefaultAsync();
    }

    public static async Task<int> MaxMetricStepAsync(this IServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WganDbContext>().Metrics
            .Where(m => m.JobId == id).Select(m => (int?)m.GeneratorStep).MaxAsync() ?? 0;
    }

    /// <summary>Polls (with a deadline) until the stored job satisfies the condition.</summary>
    public static async Task<Job> WaitForJobAsync(this IServiceProvider services, Guid id, Func<Job, bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var job = await services.JobAsync(id);
            if (condition(job)) return job;
            await Task.Delay(50, deadline.Token);
        }
    }
}
