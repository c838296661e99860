using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WganService.Api.Jobs;
using WganService.Api.Tests.Infrastructure;
using WganService.Domain.Jobs;
using Xunit.Abstractions;

namespace WganService.Api.Tests.Dashboard;

/// <summary>
/// The compare view in a real browser against a real Api on a real socket (embedded mode), with jobs really trained on
/// 8 Gaussians: two jobs that differ only in learning rate are picked in the list and overlaid, and the route reloads to
/// the same view.
/// </summary>
public sealed class CompareBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan TrainingTimeout = TimeSpan.FromMinutes(8);
    // Playwright waits 5 s by default; first loads took longer on a busy 2-core machine.
    private const float Patience = 30_000;
    private readonly WganApiFactory _factory = WganApiFactory.Embedded();
    private readonly List<string> _pageErrors = [];
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private Uri _baseAddress = null!;

    public async Task InitializeAsync()
    {
        // Process-wide, and only ever longer: tests here run one at a time (AssemblyInfo.cs).
        Assertions.SetDefaultExpectTimeout(Patience);
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
    public async Task Two_jobs_picked_in_the_list_are_overlaid_on_shared_charts_and_the_route_reloads_to_the_same_view()
    {
        // Two jobs alike but for the learning rate (the same seed), short: a busy 2-core machine trains a few steps a second.
        using var client = new HttpClient { BaseAddress = _baseAddress };
        var jobs = new List<JobResponse>();
        foreach (var (name, learningRate) in new[] { ("lr-1e-4", 1e-4), ("lr-1e-3", 1e-3) })
            jobs.Add(await client.SubmitAsync(Toy(name, learningRate)));
        foreach (var job in jobs)
        {
            var done = await client.WaitUntilFinishedAsync(job.Id, TrainingTimeout);
            Assert.True(done.Status == JobStatus.Succeeded, done.Error);
        }
        var (slow, fast) = (jobs[0], jobs[1]);

        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(_baseAddress, "/#/").ToString());
        var compare = page.Locator("#compare");
        await Assertions.Expect(compare).ToBeDisabledAsync();
        foreach (var job in new[] { slow, fast })
            await page.Locator($"#jobs tr[data-job='{job.Id}'] td.pick input").CheckAsync();
        await Assertions.Expect(compare).ToHaveTextAsync("Compare 2");
        await compare.ClickAsync();

        // Polled, not WaitForURLAsync (see DashboardBrowserTests: it can miss a hash change).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"#/compare\\?jobs={slow.Id},{fast.Id}$"), new() { Timeout = Patience });
        await ExpectComparisonAsync(page, client, slow, fast);

        // The route is the view: a reload (or the link sent to someone) shows the same comparison.
        await page.ReloadAsync();
        await ExpectComparisonAsync(page, client, slow, fast);

        // At a laptop's width, for the README (docs/images/dashboard-compare.png is a copy).
        await page.ScreenshotAsync(new() { FullPage = true, Path = ScreenshotPath() });
        output.WriteLine($"screenshot {ScreenshotPath()}");
        Assert.Empty(_pageErrors);
    }

    /// <summary>
    /// What the compare view must show for two finished jobs: every metric row and evaluation the API holds, one series
    /// per job in its own colour on each chart, a legend naming both jobs and the one setting that differs, and a table
    /// with the best objective at the step the API gives.
    /// </summary>
    private static async Task ExpectComparisonAsync(IPage page, HttpClient client, JobResponse slow, JobResponse fast)
    {
        var w = page.Locator("[data-chart=compare-w]");
        var objective = page.Locator("[data-chart=compare-objective]");
        var metrics = new List<int>();
        var evaluations = new List<IReadOnlyList<EvaluationResponse>>();
        foreach (var job in new[] { slow, fast })
        {
            metrics.Add((await client.GetFromJsonAsync<MetricListResponse>($"/jobs/{job.Id}/metrics?limit=10000", ApiClient.Json))!
                .Items.Count);
            evaluations.Add((await client.GetFromJsonAsync<EvaluationListResponse>($"/jobs/{job.Id}/evaluations", ApiClient.Json))!.Items);
        }
        Assert.All(metrics, count => Assert.True(count > 1));
        await Assertions.Expect(w).ToHaveAttributeAsync("data-points", string.Join(',', metrics), new() { Timeout = Patience });
        await Assertions.Expect(w).ToHaveAttributeAsync("data-series", "2");
        await Assertions.Expect(objective).ToHaveAttributeAsync("data-objective", "swd"); // 8 Gaussians has no classifier
        await Assertions.Expect(objective).ToHaveAttributeAsync("data-points", string.Join(',', evaluations.Select(e => e.Count)));
        await Assertions.Expect(objective).ToHaveAttributeAsync("data-series", "2");

        var legend = page.Locator(".compare-legend li");
        await Assertions.Expect(legend).ToHaveCountAsync(2);
        foreach (var (job, rate) in new[] { (slow, "0.0001"), (fast, "0.001") })
        {
            var entry = page.Locator($".compare-legend li[data-job='{job.Id}']");
            await Assertions.Expect(entry).ToContainTextAsync(job.Name);
            await Assertions.Expect(entry).ToContainTextAsync(job.Id.ToString()[^8..]);
            await Assertions.Expect(entry.Locator(".settings")).ToHaveTextAsync($"learningRate {rate}");
            // Each chart's own legend names the job too (with the value under the pointer).
            foreach (var chart in new[] { w, objective })
                await Assertions.Expect(chart.Locator(".u-legend")).ToContainTextAsync($"{job.Name} · {job.Id.ToString()[^8..]}");
        }

        // One line per job in the legend's colour on both charts: neither job missing, nor both drawn in one colour.
        foreach (var chart in new[] { w, objective })
        {
            var canvas = await chart.Locator("canvas").ScreenshotAsync();
            foreach (var job in new[] { slow, fast })
            {
                var colour = CanvasColours.ParseRgb(await page.Locator($".compare-legend li[data-job='{job.Id}'] .swatch")
                    .EvaluateAsync<string>("s => getComputedStyle(s).backgroundColor"));
                var pixels = CanvasColours.Count(canvas, colour);
                var name = await chart.GetAttributeAsync("data-chart");
                Assert.True(pixels >= 20, $"{name}: {pixels} pixels in {job.Name}'s colour {colour}.");
            }
        }

        var rows = page.Locator(".compare-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        foreach (var (job, list) in new[] { slow, fast }.Zip(evaluations))
        {
            var row = page.Locator($".compare-table tr[data-job='{job.Id}']");
            await Assertions.Expect(row.Locator("[data-status=succeeded]")).ToBeVisibleAsync();
            await Assertions.Expect(row).ToContainTextAsync($"{job.Hyperparameters.GeneratorSteps} / {job.Hyperparameters.GeneratorSteps}");
            var best = list.Where(e => e.GeneratorStep > 0).MinBy(e => e.SlicedWasserstein)!;
            await Assertions.Expect(row.Locator("td.best")).ToHaveTextAsync(new Regex($" at {best.GeneratorStep}$"));
            await Assertions.Expect(row.Locator("td.final-w")).Not.ToHaveTextAsync("–");
        }
    }

    [Fact]
    public async Task The_best_objective_passes_over_the_untrained_baseline_as_the_served_best_generator_does()
    {
        // The table's "best" as the dashboard's own module computes it, on evaluations where step 0 scored lowest (a
        // job that got worse than its untrained start): the baseline is never a generator to serve, so step 20 is best.
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(_baseAddress, "/#/").ToString());
        var best = await page.EvaluateAsync<int?[]>("""
            async () => {
              const { bestEvaluation } = await import('/js/compare.js');
              const at = (generatorStep, slicedWasserstein, frechetDistance = null) =>
                ({ generatorStep, slicedWasserstein, frechetDistance });
              return [
                bestEvaluation([at(0, 0.1), at(10, 0.5), at(20, 0.3), at(30, 0.4)], 'swd')?.generatorStep ?? null,
                bestEvaluation([at(0, 0.1, 5), at(10, 0.5, 90), at(20, 0.3, 80)], 'fd')?.generatorStep ?? null,
                bestEvaluation([at(0, 0.1)], 'swd')?.generatorStep ?? null,
              ];
            }
            """);
        Assert.Equal([20, 20, null], best);
        Assert.Empty(_pageErrors);
    }

    private static object Toy(string name, double learningRate) => new
    {
        name, dataset = "8gaussians", variant = "wgan-gp",
        hyperparameters = new
        {
            generatorSteps = 30, batchSize = 32, criticSteps = 1, learningRate, metricsEvery = 2, evaluateEvery = 10, seed = 3,
        },
    };

    private async Task<IPage> NewPageAsync()
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        page.PageError += (_, message) => _pageErrors.Add(message);
        page.SetDefaultTimeout(Patience);
        return page;
    }

    private static string ScreenshotPath() => Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard-compare.png");
}
