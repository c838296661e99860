using System.Net;
using System.Net.Http.Json;
using WganService.Api.Sweeps;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Jobs;
using WganService.Domain.Sweeps;

namespace WganService.Api.Tests.Sweeps;

/// <summary>/sweeps in embedded mode (SQLite, training inside the Api): the draw, validation, listing and cancel.</summary>
public sealed class SweepsApiTests : EmbeddedApiTest
{
    /// <summary>Budgets long enough that nothing finishes while a test looks; each test cancels what it started.</summary>
    private static object Long(int seed) => SweepClient.ToySweep(trials: 4, steps: 200_000, seed: seed);

    [Fact]
    public async Task TheSameSeed_DrawsTheSameConfigurations_AnotherSeedOthers()
    {
        var first = await Client.SubmitSweepAsync(Long(seed: 11));
        var again = await Client.SubmitSweepAsync(Long(seed: 11));
        var other = await Client.SubmitSweepAsync(Long(seed: 12));
        foreach (var sweep in new[] { first, again, other }) await Client.PostAsync($"/sweeps/{sweep.Id}/cancel", null);

        static string Drawn(SweepResponse s) => string.Join(" | ", s.TrialJobs.Select(t =>
            string.Join(",", t.Hyperparameters.Select(h => $"{h.Key}={h.Value:R}"))));
        Assert.Equal(Drawn(first), Drawn(again));
        Assert.NotEqual(Drawn(first), Drawn(other));
        Assert.Equal([1, 2, 3, 4], first.TrialJobs.Select(t => t.Trial));
        Assert.All(first.TrialJobs, t => Assert.Equal(["criticSteps", "learningRate"], t.Hyperparameters.Keys));
        // Each trial is an ordinary job with the whole budget, named after the sweep.
        var job = await Client.GetJobAsync(first.TrialJobs[2].JobId);
        Assert.Equal(("toy sweep · trial 3", 200_000, first.Id, 3),
            (job.Name, job.Hyperparameters.GeneratorSteps, job.SweepId!.Value, job.Trial!.Value));
        Assert.Equal(first.TrialJobs[2].Hyperparameters["learningRate"], job.Hyperparameters.LearningRate);
    }

    [Fact]
    public async Task TheLadder_AndTheComputeIfRunToEnd_FollowTheBudget()
    {
        var sweep = await Client.SubmitSweepAsync(SweepClient.ToySweep(trials: 9, steps: 200_000, seed: 1));
        await Client.PostAsync($"/sweeps/{sweep.Id}/cancel", null);

        Assert.Equal([(0, 22_222), (1, 66_667), (2, 200_000)], sweep.Rungs.Select(r => (r.Rung, r.GeneratorSteps!.Value)));
        Assert.Equal(1.0 / 9, sweep.Rungs[0].BudgetFraction, 12);
        Assert.Equal(9L * 200_000, sweep.Compute.GeneratorStepsIfRunToEnd);
        Assert.Equal((SweepObjective.SlicedWasserstein, EarlyStoppingKind.Halving, 3), (sweep.Objective, sweep.EarlyStopping.Kind,
            sweep.EarlyStopping.Eta!.Value));
        Assert.Null(sweep.Best);
    }

    [Theory]
    [InlineData("space.learningRate.max")]
    [InlineData("trials")]
    [InlineData("budget")]
    [InlineData("earlyStopping.eta")]
    [InlineData("dataset")]
    [InlineData("trial[1].hyperparameters.beta1")]
    public async Task ABrokenRule_Is400_NamingTheField(string field)
    {
        var space = new Dictionary<string, object> { ["learningRate"] = new { min = 1e-4, max = 1e-3 } };
        object? budget = new { generatorSteps = 100 };
        object? earlyStopping = null;
        var (trials, dataset) = (3, "8gaussians");
        switch (field)
        {
            case "space.learningRate.max": space["learningRate"] = new { min = 1e-3, max = 1e-4 }; break;
            case "trials": trials = 0; break;
            case "budget": budget = null; break;
            case "earlyStopping.eta": earlyStopping = new { kind = "halving", eta = 1 }; break;
            case "dataset": dataset = "no-such-set"; break;
            default: space["beta1"] = new { values = new[] { 1.5 } }; break;
        }

        var response = await Client.PostAsJsonAsync("/sweeps",
            new { dataset, variant = "wgan-gp", space, trials, budget, earlyStopping, seed = 1 }, ApiClient.Json);

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Empty((await Client.GetFromJsonAsync<SweepListResponse>("/sweeps", ApiClient.Json))!.Items);
    }

    /// <summary>Hostile shapes the resolver must answer with a 400, never a 500 (none of them draws a single trial).</summary>
    [Theory]
    [InlineData("""{"learningRate":null}""", "")]
    [InlineData("""{"batchSize":{"min":1,"max":1e300}}""", "")]
    [InlineData("""{"learningRate":{"min":-1e308,"max":1e308}}""", "")]
    [InlineData("""{"criticSteps":{"values":[]}}""", "")]
    [InlineData("""{"latentDim":{"values":[2]}}""", """ "trials":1000000,"budget":{"generatorSteps":9} """)]
    [InlineData("""{"latentDim":{"values":[2]}}""", """ "trials":3,"budget":{},"seed":-1 """)]
    [InlineData("{}", """ "trials":3,"budget":{"generatorSteps":9},"earlyStopping":{"kind":"none","eta":3} """)]
    [InlineData("""{"x":{"values":[1]}}""", """ "trials":3,"budget":{"maxTrainingMinutes":-1} """)]
    [InlineData("""{"latentDim":{"values":[2]}}""", """ "trials":3,"budget":{"generatorSteps":9},"objective":"fid" """)]
    public async Task HostileBodies_Are400s_NeverA5xx(string space, string others)
    {
        if (others.Length == 0) others = """ "trials":3,"budget":{"generatorSteps":9} """;
        var body = $$"""{"dataset":"8gaussians","variant":"wgan-gp","space":{{space}},{{others}}}""";

        var response = await Client.PostAsync("/sweeps", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Cancel_EndsTheSweep_AndLeavesNoTrialQueuedOrRunning()
    {
        var sweep = await Client.SubmitSweepAsync(Long(seed: 5));
        await Client.WaitUntilAsync(sweep.TrialJobs[0].JobId, j => j.Progress.GeneratorStep > 0, TimeSpan.FromMinutes(2));

        var cancel = await Client.PostAsync($"/sweeps/{sweep.Id}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var cancelled = await Client.WaitForSweepAsync(sweep.Id, s => s.TrialJobs.All(t => t.Status.IsFinished()),
            TimeSpan.FromSeconds(30));
        Assert.Equal(SweepStatus.Cancelled, cancelled.Status);
        Assert.All(cancelled.TrialJobs, t => Assert.Equal(JobStatus.Cancelled, t.Status));
        Assert.NotNull(cancelled.FinishedAt);
        await Problem.AssertAsync(await Client.PostAsync($"/sweeps/{sweep.Id}/cancel", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnUnknownSweep_Is404_AndTheListShowsEverySweepNewestFirst()
    {
        await Problem.AssertAsync(await Client.GetAsync($"/sweeps/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        var older = await Client.SubmitSweepAsync(Long(seed: 1));
        var newer = await Client.SubmitSweepAsync(Long(seed: 2));
        foreach (var sweep in new[] { older, newer }) await Client.PostAsync($"/sweeps/{sweep.Id}/cancel", null);

        var page = (await Client.GetFromJsonAsync<SweepListResponse>("/sweeps?limit=1", ApiClient.Json))!;
        Assert.Equal([newer.Id], page.Items.Select(i => i.Id));
        var rest = (await Client.GetFromJsonAsync<SweepListResponse>($"/sweeps?limit=1&cursor={page.NextCursor}",
            ApiClient.Json))!;
        Assert.Equal([older.Id], rest.Items.Select(i => i.Id));
    }
}
