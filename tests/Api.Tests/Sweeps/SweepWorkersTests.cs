using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Sweeps;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;
using WganService.Domain.Sweeps;
using WganService.Domain.Training;
using Xunit.Abstractions;

namespace WganService.Api.Tests.Sweeps;

/// <summary>
/// Sweeps across real Worker processes on PostgreSQL: 9 trials of 8 Gaussians with halving (η 3) over rungs at 13, 40
/// and 120 generator steps, judged by whichever worker trains each trial, as results arrive.
/// </summary>
[Collection("postgres")]
public sealed class SweepWorkersTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> ShortLeases = new() { ["Training__LeaseDuration"] = "00:00:05" };

    [Fact]
    public async Task NineTrialHalvingSweep_OnTwoWorkers_StopsMostEarly_TrainsNoStepTwice_AndNamesTheBestAtTheTopRung()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var api = WganApiFactory.ServerMode(database, trainInApi: false);
        using var client = api.CreateClient();
        await using var first = WorkerProcess.Start(database);
        await using var second = WorkerProcess.Start(database);
        await BothWorkersListenAsync(api.Services);

        var sweep = await client.SubmitSweepAsync(SweepClient.ToySweep());
        var done = await Explain(client.WaitForSweepAsync(sweep.Id, timeout: TimeSpan.FromMinutes(8)), first, second);

        Assert.True(done.Status == SweepStatus.Succeeded, Describe(done));
        Assert.Equal([13, 40, 120], done.Rungs.Select(r => r.GeneratorSteps!.Value));
        Assert.All(done.TrialJobs, t => Assert.True(t.Status is JobStatus.Stopped or JobStatus.Succeeded, Describe(done)));
        Assert.True(done.TrialJobs.Count(t => t.Status == JobStatus.Stopped) >= 6, Describe(done));
        // Each trial's results sit exactly on the ladder, and it trained not one step past its last one.
        Assert.All(done.TrialJobs, t =>
        {
            Assert.Equal(t.RungResults.Select(r => done.Rungs[r.Rung].GeneratorSteps), t.RungResults.Select(r => (int?)r.GeneratorStep));
            Assert.Equal(t.RungResults[^1].GeneratorStep, t.GeneratorStep);
        });
        // No step trained twice: every run of a trial after its first resumed from the checkpoint at a rung it had reached.
        var logs = first.Output + second.Output;
        foreach (var trial in done.TrialJobs)
        {
            var resumes = ResumedAt(logs, trial.JobId);
            Assert.All(resumes, step => Assert.Contains(step, trial.RungResults.Select(r => r.GeneratorStep)));
            Assert.Equal(resumes.Count + 1, Count(logs, $"Training job {trial.JobId}"));
        }
        Assert.Contains("Training job", first.Output, StringComparison.Ordinal);
        Assert.Contains("Training job", second.Output, StringComparison.Ordinal);

        // The best: the lowest objective among the trials that reached the top rung.
        var top = done.TrialJobs.Where(t => t.RungResults.Count == done.Rungs.Count).ToList();
        Assert.NotEmpty(top);
        Assert.Equal(top.MinBy(t => t.Objective!.Value)!.JobId, done.Best!.JobId);
        Assert.Equal(2, done.Best.Rung);
        Assert.Equal(done.TrialJobs.Sum(t => (long)t.GeneratorStep), done.Compute.GeneratorStepsTrained);
        Assert.True(done.Compute.GeneratorStepsTrained < done.Compute.GeneratorStepsIfRunToEnd / 2, Describe(done));

        // The best trial registers as a model in one call, and so does a stopped one (its best generator is kept).
        var best = await client.PostAsJsonAsync("/models", new { name = "toy-sweep-best", jobId = done.Best.JobId }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.Created, best.StatusCode);
        var stoppedTrial = done.TrialJobs.First(t => t.Status == JobStatus.Stopped).JobId;
        var stopped = await client.PostAsJsonAsync("/models", new { name = "toy-sweep-stopped", jobId = stoppedTrial }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.Created, stopped.StatusCode);
        Assert.Equal(8, (await client.GenerateAsync(new { model = "toy-sweep-best", count = 8, seed = 1 })).Samples.Length);
        output.WriteLine(Describe(done));
    }

    [Fact]
    public async Task KillingAWorkerMidSweep_StillCompletesIt()
    {
        var database = await postgres.CreateDatabaseAsync();
        var factory = WganApiFactory.ServerMode(database, trainInApi: false);
        factory.Settings["Training:LeaseDuration"] = "00:00:05";
        await using var api = factory;
        using var client = api.CreateClient();
        var first = WorkerProcess.Start(database, ShortLeases);
        await using var disposeFirst = first;
        await using var second = WorkerProcess.Start(database, ShortLeases);
        await BothWorkersListenAsync(api.Services);
        // Rungs at 40, 120 and 360 steps, so a trial seen at step 20 or less has 20 steps or more (about 2 s here) to train
        // before its rung; the database's step lags the worker's by up to a flush (0.2 s). With rungs at 13 a trial seen at
        // step 10 could reach its rung and stop between the look and the kill, and no worker would have abandoned it.
        var sweep = await client.SubmitSweepAsync(SweepClient.ToySweep(steps: 360, seed: 8));

        // Mid-sweep: a result is in, and the worker about to die is training a trial well short of its first rung.
        var victim = await WaitForAsync(api.Services, async db =>
            await db.SweepRungResults.AnyAsync(r => r.SweepId == sweep.Id)
                ? await db.Jobs.Where(j => j.SweepId == sweep.Id && j.Status == JobStatus.Running
                    && j.GeneratorStep > 0 && j.GeneratorStep <= 20
                    && j.LeaseOwner!.Contains($"/{first.Id}/")).Select(j => (Guid?)j.Id).FirstOrDefaultAsync()
                : null, TimeSpan.FromMinutes(4));
        await first.KillAsync();

        var done = await Explain(client.WaitForSweepAsync(sweep.Id, timeout: TimeSpan.FromMinutes(8)), first, second);

        Assert.True(done.Status == SweepStatus.Succeeded, Describe(done));
        Assert.All(done.TrialJobs, t => Assert.True(t.Status is JobStatus.Stopped or JobStatus.Succeeded, Describe(done)));
        Assert.Equal(1, (await client.GetJobAsync(victim)).AbandonedAttempts);
        Assert.NotNull(done.Best);
        output.WriteLine($"killed worker {first.Id} while it trained {victim}; {Describe(done)}");
    }

    /// <summary>Both workers' Hangfire servers are up, each on the promoted queue first: the sweep is spread over both.</summary>
    private static async Task BothWorkersListenAsync(IServiceProvider services)
    {
        var monitoring = services.GetRequiredService<JobStorage>().GetMonitoringApi();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (monitoring.Servers().Count(s => s.Queues.FirstOrDefault() == HangfireStorage.PromotedQueue) < 2)
            await Task.Delay(100, deadline.Token);
    }

    private static async Task<Guid> WaitForAsync(IServiceProvider services, Func<WganDbContext, Task<Guid?>> find, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            await using (var scope = services.CreateAsyncScope())
                if (await find(scope.ServiceProvider.GetRequiredService<WganDbContext>()) is { } found) return found;
            await Task.Delay(50, deadline.Token);
        }
    }

    private static async Task<SweepResponse> Explain(Task<SweepResponse> wait, WorkerProcess first, WorkerProcess second)
    {
        try
        {
            return await wait;
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException($"Timed out. First worker:\n{first.Output}\nSecond worker:\n{second.Output}", e);
        }
    }

    private static List<int> ResumedAt(string logs, Guid jobId) =>
        Regex.Matches(logs, $@"Job {jobId} resumes from its checkpoint at generator step (\d+)")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static int Count(string text, string what) => text.Split('\n').Count(l => l.Contains(what, StringComparison.Ordinal));

    private static string Describe(SweepResponse s) => $"sweep {s.Status}; trained {s.Compute.GeneratorStepsTrained} of "
        + $"{s.Compute.GeneratorStepsIfRunToEnd} steps; best {s.Best?.Trial}; trials: " + string.Join("; ", s.TrialJobs.Select(t =>
            $"{t.Trial} {t.Status} step {t.GeneratorStep} "
            + $"[{string.Join(", ", t.RungResults.Select(r => $"{r.GeneratorStep}:{r.Objective:F4}"))}]"));
}
