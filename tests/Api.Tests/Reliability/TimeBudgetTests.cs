using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Tests.Infrastructure;
using WganService.Gan;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using Xunit.Abstractions;

namespace WganService.Api.Tests.Reliability;

public sealed class TimeBudgetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task BudgetRunningOut_EndsTheJobCleanly_AtTheStepReached()
    {
        var clock = new AdjustableClock();
        var factory = WganApiFactory.Embedded();
        // The jump below must not make the job's lease look run out (the sweeper reads the same clock).
        factory.Settings["Training:LeaseDuration"] = "01:00:00";
        await using var _ = factory;
        await using var api = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var client = api.CreateClient();
        var job = await client.SubmitAsync(new
        {
            dataset = "8gaussians", variant = "wgan-gp",
            hyperparameters = new { generatorSteps = 1_000_000, batchSize = 32, seed = 2, evaluateEvery = 20, checkpointEvery = 100_000,
                maxTrainingMinutes = 30 },
        });
        var running = await api.Services.WaitForJobAsync(job.Id, j => j.GeneratorStep >= 30, TimeSpan.FromMinutes(2));
        Assert.Equal(JobStatus.Running, running.Status);

        clock.Advance(TimeSpan.FromMinutes(31));
        var finished = await client.WaitUntilFinishedAsync(job.Id, TimeSpan.FromMinutes(1));

        Assert.Equal((JobStatus.Succeeded, TrainingStop.TimeBudget), (finished.Status, finished.StoppedBy));
        var reached = finished.Progress.GeneratorStep;
        Assert.InRange(reached, running.GeneratorStep, 100_000);
        // Ended as a last step always ends: evaluated, checkpointed and the final generator stored at the step
        // reached, the best one kept; the checkpoint carries the budget spent, so a resume would not start afresh.
        Assert.Equal(reached, finished.LatestEvaluation!.GeneratorStep);
        await using var scope = api.Services.CreateAsyncScope();
        var artifacts = await scope.ServiceProvider.GetRequiredService<WganDbContext>().Artifacts.AsNoTracking()
            .Where(a => a.JobId == job.Id).ToDictionaryAsync(a => a.Kind);
        Assert.Equal(reached, artifacts[ArtifactKinds.FinalGenerator].GeneratorStep);
        Assert.Equal(reached, artifacts[ArtifactKinds.Checkpoint].GeneratorStep);
        Assert.True(artifacts.ContainsKey(ArtifactKinds.BestGenerator));
        var carried = TrainingCheckpoint.Read(artifacts[ArtifactKinds.Checkpoint].Data).TrainingTime;
        Assert.InRange(carried, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(40));
        Assert.Equal(4, (await client.GenerateAsync(new { jobId = job.Id, count = 4, seed = 1, checkpoint = "final" })).Samples.Length);
        output.WriteLine($"jumped at step {running.GeneratorStep}, stopped at {reached}, training time in the checkpoint {carried}");
    }
}
