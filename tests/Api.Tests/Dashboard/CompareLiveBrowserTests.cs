using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Jobs;
using WganService.Domain.Persistence;

namespace WganService.Api.Tests.Dashboard;

/// <summary>
/// The compare view while jobs train, in a real browser against server mode on PostgreSQL with no worker: the test
/// writes what a worker would (a start, metric rows, an evaluation, the end) and the view follows until every job ends.
/// </summary>
[Collection("postgres")]
public sealed class CompareLiveBrowserTests(PostgresServer postgres) : IAsyncLifetime
{
    // The view polls every 5 s; Playwright's own 5 s default would race it.
    private const float Patience = 30_000;
    private WganApiFactory _factory = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private Uri _baseAddress = null!;

    public async Task InitializeAsync()
    {
        // Process-wide, and only ever longer: tests here run one at a time (AssemblyInfo.cs).
        Assertions.SetDefaultExpectTimeout(Patience);
        _factory = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: false);
        _baseAddress = _factory.StartOnSocket();
        (_playwright, _browser) = await HeadlessChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Jobs_still_training_are_followed_until_they_end_and_jobs_not_yet_evaluated_say_so()
    {
        using var client = new HttpClient { BaseAddress = _baseAddress };
        var first = await client.SubmitAsync(Toy("first", criticSteps: 1));
        var second = await client.SubmitAsync(Toy("second", criticSteps: 5));
        var unknown = Guid.NewGuid();
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var pageErrors = new List<string>();
        page.PageError += (_, message) => pageErrors.Add(message);
        page.SetDefaultTimeout(Patience);

        await page.GotoAsync(new Uri(_baseAddress, $"/#/compare?jobs={first.Id},{second.Id},{unknown}").ToString());
        var view = page.Locator("[data-live]");
        var w = page.Locator("[data-chart=compare-w]");
        var objective = page.Locator("[data-chart=compare-objective]");
        var waiting = page.Locator(".compare-waiting");
        await Assertions.Expect(page.Locator(".compare-legend li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".compare-error")).ToHaveTextAsync($"No such job: {unknown}.");
        await Assertions.Expect(page.Locator($".compare-legend li[data-job='{second.Id}'] .settings")).ToHaveTextAsync("criticSteps 5");
        await Assertions.Expect(view).ToHaveAttributeAsync("data-live", "2");
        await Assertions.Expect(page.Locator(".compare-live")).ToContainTextAsync("refreshed every 5 s");
        await Assertions.Expect(waiting).ToHaveTextAsync("No evaluation yet: first, second.");
        await Assertions.Expect(page.Locator(".compare-table td.best", new() { HasText = "no evaluation yet" })).ToHaveCountAsync(2);
        await Assertions.Expect(w).ToHaveAttributeAsync("data-points", "0,0");

        // A worker takes the first job and reports: the next refresh draws it.
        await WorkerWritesAsync(first.Id, steps: [10, 20], evaluatedAt: 20, start: true);
        await Assertions.Expect(w).ToHaveAttributeAsync("data-points", "2,0");
        await Assertions.Expect(objective).ToHaveAttributeAsync("data-points", "1,0");
        await Assertions.Expect(waiting).ToHaveTextAsync("No evaluation yet: second.");
        await Assertions.Expect(page.Locator($".compare-table tr[data-job='{first.Id}'] [data-status=running]")).ToBeVisibleAsync();

        // It ends with a last row, and the second is cancelled while queued: the view shows both ends and stops polling.
        await WorkerWritesAsync(first.Id, steps: [30], evaluatedAt: null, start: false, succeed: true);
        Assert.True((await client.PostAsync($"/jobs/{second.Id}/cancel", null)).IsSuccessStatusCode);
        await Assertions.Expect(view).ToHaveAttributeAsync("data-live", "0");
        await Assertions.Expect(w).ToHaveAttributeAsync("data-points", "3,0");
        await Assertions.Expect(page.Locator(".compare-live")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator($".compare-table tr[data-job='{first.Id}'] [data-status=succeeded]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($".compare-table tr[data-job='{first.Id}'] td.best")).ToHaveTextAsync("0.0200 at 20");
        await Assertions.Expect(page.Locator($".compare-table tr[data-job='{second.Id}'] [data-status=cancelled]")).ToBeVisibleAsync();
        Assert.Empty(pageErrors);
    }

    private static object Toy(string name, int criticSteps) => new
    {
        name, dataset = "8gaussians", variant = "wgan-gp", hyperparameters = new { generatorSteps = 100, criticSteps, seed = 1 },
    };

    /// <summary>What a worker records, written straight to the database: metric rows, an evaluation, its start and end.</summary>
    private async Task WorkerWritesAsync(Guid id, int[] steps, int? evaluatedAt, bool start, bool succeed = false)
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
        var now = DateTimeOffset.UtcNow;
        var job = await db.Jobs.SingleAsync(j => j.Id == id);
        if (start) job.Start("cpu", "compare-test", now, TimeSpan.FromHours(1));
        job.ReportProgress(steps[^1], now, TimeSpan.FromHours(1));
        foreach (var step in steps)
            db.Metrics.Add(new JobMetric
            {
                JobId = id, GeneratorStep = step, CriticLoss = -0.1, GeneratorLoss = 0.2, WassersteinEstimate = 1.0 / step,
                CriticGradientNorm = 1, SamplesPerSecond = 100, RecordedAt = now,
            });
        if (evaluatedAt is { } at)
            db.Evaluations.Add(new JobEvaluation
            {
                JobId = id, GeneratorStep = at, SlicedWasserstein = 0.02, SlicedWassersteinFloor = 0.001, RecordedAt = now,
            });
        if (succeed) job.Succeed(new WassersteinCorrelations(HeldOutSwd: 0.5, HeldOutFd: null, TrainingSwd: null, TrainingFd: null), now);
        await db.SaveChangesAsync();
    }
}
