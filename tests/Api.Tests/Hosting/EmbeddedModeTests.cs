using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Datasets;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Gan;
using WganService.Gan.Datasets;

namespace WganService.Api.Tests.Hosting;

/// <summary>What only embedded mode has: its in-memory queue is rebuilt from the jobs table at start-up.</summary>
public class EmbeddedModeTests
{
    [Fact]
    public async Task JobLeftRunningByPreviousProcess_IsQueuedAgain_AndCompletes()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("wgan-restart-").FullName;
        Guid orphanId;
        await using (var previous = WganApiFactory.Embedded(dataDirectory))
        {
            _ = previous.Services; // Starts the host, which migrates the database.
            await using var scope = previous.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
            var spec = new JobSpec
            {
                Dataset = "8gaussians", Variant = GanVariant.WganGp,
                Hyperparameters = new HyperparameterSpec { GeneratorSteps = 10, BatchSize = 32 },
            };
            var orphan = new Job(JobSpecResolver.Resolve(spec, ToyDataset.EightGaussians.Info).Job!, DateTimeOffset.UtcNow);
            // As if the process died mid-training.
            orphan.Start("cpu", "the-previous-process", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(20));
            db.Jobs.Add(orphan);
            await db.SaveChangesAsync();
            orphanId = orphan.Id;
        }

        await using var restarted = WganApiFactory.Embedded(dataDirectory);
        using var client = restarted.CreateClient();

        var finished = await client.WaitUntilFinishedAsync(orphanId);
        Assert.Equal(JobStatus.Succeeded, finished.Status);
    }
}
