using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WganService.Gan;
using WganService.Domain.Persistence;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>Plays a remote worker: writes generator artifacts straight into the database.</summary>
public static class StoredGenerators
{
    /// <summary>
    /// What a worker's evaluation does: weights of a generator initialised from <paramref name="seed"/>, in the job's row for that kind.
    /// </summary>
    public static async Task WriteAsync(WganApiFactory factory, Guid jobId, string kind, int step, int seed)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
        var (generator, critic) = GanNetworks.CreatePair(job.Architecture, job.Hyperparameters with { Seed = seed }, job.DataInfo,
            TorchSharp.torch.CPU);
        using (generator) using (critic)
        {
            var weights = GeneratorWeights.Save(generator);
            var row = await db.Artifacts.SingleOrDefaultAsync(a => a.JobId == jobId && a.Kind == kind)
                ?? db.Artifacts.Add(new Artifact { JobId = jobId, Kind = kind, Data = [] }).Entity;
            (row.Data, row.GeneratorStep, row.CreatedAt) = (weights, step, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
    }
}
