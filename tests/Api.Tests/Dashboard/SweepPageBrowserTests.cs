using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Sweeps;
using WganService.Domain.Jobs;
using WganService.Domain.Sweeps;

namespace WganService.Api.Tests.Dashboard;

/// <summary>
/// The sweep page in a real browser against a real Api on a real socket (embedded mode), opened while a real halving
/// sweep of 3 short trials on 8 Gaussians runs and kept current by its event stream: at the end the rung ladder holds
/// each trial's result at each rung it reached, the best trial
/// is marked and its grid loads, and every trial's curves are overlaid; the sweep list links to the page; a stopped
/// trial's own page is at rest.
/// </summary>
public sealed class SweepPageBrowserTests : IAsyncLifetime
{
    private const float Patience = 30_000;
    private readonly WganApiFactory _factory = WganApiFactory.Embedded();
    private readonly List<string> _pageErrors = [];
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private Uri _baseAddress = null!;

    public async Task InitializeAsync()
    {
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
    public async Task AFinishedHalvingSweep_ShowsItsLadder_ItsBestTrialWithItsGrid_AndEveryTrialsCurves()
    {
        using var client = new HttpClient { BaseAddress = _baseAddress };
        // 3 trials at η 3: rungs at 1/3 and the whole budget; one trial goes on from the first rung, two stop there.
        var submitted = await client.SubmitSweepAsync(SweepClient.ToySweep(trials: 3, steps: 30));

        // The page is opened while the sweep runs: what it shows at the end came through the sweep's event stream.
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        page.PageError += (_, message) => _pageErrors.Add(message);
        page.SetDefaultTimeout(Patience);
        var (sweepReads, streams) = (0, 0);
        page.Request += (_, request) =>
        {
            var path = new Uri(request.Url).AbsolutePath;
            if (path == $"/sweeps/{submitted.Id}") Interlocked.Increment(ref sweepReads);
            if (path == $"/sweeps/{submitted.Id}/events") Interlocked.Increment(ref streams);
        };
        await page.GotoAsync(new Uri(_baseAddress, "/#/sweeps").ToString());
        await page.Locator($"#sweeps tr[data-sweep='{submitted.Id}'] a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"#/sweeps/{submitted.Id}$"), new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("#sweep-title")).ToHaveTextAsync("toy sweep");
        var sweep = await client.WaitForSweepAsync(submitted.Id, timeout: TimeSpan.FromMinutes(8));
        Assert.Equal(SweepStatus.Succeeded, sweep.Status);
        Assert.Equal(2, sweep.Rungs.Count);
        Assert.Equal(2, sweep.TrialJobs.Count(t => t.Status == JobStatus.Stopped));
        await Assertions.Expect(page.Locator("#sweep-status [data-status=succeeded]")).ToBeVisibleAsync();
        // One read, then the stream, not a poll: a 3-trial sweep runs long enough for a poller to re-read it.
        Assert.Equal(1, sweepReads);
        Assert.True(streams >= 1, "The page never opened the sweep's event stream.");

        // The ladder: one row per trial, one column per rung, each trial's objective at every rung it reached.
        var rows = page.Locator("#rung-ladder tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        foreach (var trial in sweep.TrialJobs)
        {
            var row = page.Locator($"#rung-ladder tr[data-job='{trial.JobId}']");
            await Assertions.Expect(row.Locator($"[data-status={trial.Status.ToString().ToLowerInvariant()}]")).ToBeVisibleAsync();
            foreach (var rung in sweep.Rungs)
            {
                var result = trial.RungResults.SingleOrDefault(r => r.Rung == rung.Rung);
                var cell = row.Locator($"td.rung-result[data-rung='{rung.Rung}']");
                if (result is null) await Assertions.Expect(cell).ToHaveTextAsync("");
                else await Assertions.Expect(cell).Not.ToHaveTextAsync("");
            }
        }
        await Assertions.Expect(page.Locator("#rung-ladder tr.best")).ToHaveAttributeAsync("data-job", sweep.Best!.JobId.ToString());

        // The best trial, with the grid its job drew last.
        await Assertions.Expect(page.Locator("#sweep-best")).ToContainTextAsync($"Trial {sweep.Best.Trial}");
        var grid = page.Locator("#best-grid");
        await Assertions.Expect(grid).ToHaveAttributeAsync("src", $"/jobs/{sweep.Best.JobId}/samples.png");
        await Assertions.Expect(grid).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await grid.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The best trial's grid did not load.");

        // Every trial's curves, overlaid by the compare view: three series on each chart.
        await Assertions.Expect(page.Locator("#sweep-curves [data-chart=compare-w]")).ToHaveAttributeAsync("data-series", "3");
        await Assertions.Expect(page.Locator("#sweep-curves [data-chart=compare-objective]")).ToHaveAttributeAsync("data-series", "3");
        await Assertions.Expect(page.Locator("#sweep-summary")).ToContainTextAsync("halving, η 3");

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard-sweep.png");
        await page.ScreenshotAsync(new() { FullPage = true, Path = screenshot });

        await ExpectAStoppedTrialsPageAtRestAsync(page, sweep.TrialJobs.First(t => t.Status == JobStatus.Stopped).JobId);
        Assert.Empty(_pageErrors);
    }

    /// <summary>
    /// A stopped trial trains no further unless promoted, so its job page treats it as finished: no Cancel button (the
    /// route would answer 409) and one event stream, closed after its status, not one reopened again and again.
    /// </summary>
    private static async Task ExpectAStoppedTrialsPageAtRestAsync(IPage page, Guid stoppedTrial)
    {
        var streams = 0;
        page.Request += (_, request) => { if (request.Url.Contains($"/jobs/{stoppedTrial}/events")) Interlocked.Increment(ref streams); };
        await page.GotoAsync(page.Url.Split('#')[0] + $"#/jobs/{stoppedTrial}");
        await Assertions.Expect(page.Locator("#job-status [data-status=stopped]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#job-status")).ToHaveAttributeAsync("data-stream", "ended");
        await Assertions.Expect(page.Locator("#cancel")).ToBeHiddenAsync();
        Assert.Equal(1, streams);
    }
}
