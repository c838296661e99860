using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SkiaSharp;
using WganService.Api.Datasets;
using WganService.Api.Jobs;
using WganService.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WganService.Api.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser against a real Api on a real socket (embedded mode): a job is
/// started from the form and watched live to the end.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan TrainingTimeout = TimeSpan.FromMinutes(5);
    private readonly WganApiFactory _factory = WganApiFactory.Embedded();
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private Uri _baseAddress = null!;

    public async Task InitializeAsync() => (_playwright, _browser) = await HeadlessChromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _factory.DisposeAsync();
    }

    private void StartApi() => _baseAddress = _factory.StartOnSocket();

    [Fact]
    public async Task A_job_started_from_the_form_is_watched_live_to_the_end()
    {
        StartApi();
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1300, Height = 900 } });
        var pageErrors = new List<string>();
        page.PageError += (_, message) => pageErrors.Add(message);
        page.SetDefaultTimeout((float)TrainingTimeout.TotalMilliseconds);

        await page.GotoAsync(new Uri(_baseAddress, "/#/new").ToString());
        var form = page.Locator("form#new-job");
        await form.Locator("select[name=dataset] option[value='8gaussians']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await form.Locator("input[name=name]").FillAsync("from-the-browser");
        await form.Locator("input[name=generatorSteps]").FillAsync("300");
        await form.Locator("input[name=batchSize]").FillAsync("64");
        await form.Locator("input[name=evaluateEvery]").FillAsync("100");
        await form.Locator("input[name=seed]").FillAsync("3");
        await form.GetByRole(AriaRole.Button, new() { Name = "Start training" }).ClickAsync();

        // Not WaitForURLAsync: it checks the URL, then subscribes to navigations, and loses a hash
        // change that lands in between (playwright-dotnet#3364; it hung CI for 5 minutes). The
        // assertion polls the URL instead.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#/jobs/[0-9a-f-]{36}$"), new() { Timeout = 60_000 });
        var jobId = Guid.Parse(page.Url[^36..]);
        await Assertions.Expect(page.Locator("#job-name")).ToHaveTextAsync("from-the-browser");

        // Live: the Wasserstein chart has points while the job is still running, and gains more.
        var whileRunning = await page.WaitForFunctionAsync("""
            () => {
              const status = document.querySelector('#job-status [data-status]')?.dataset.status;
              const points = Number(document.querySelector('[data-chart=wasserstein]').dataset.points);
              return status === 'running' && points > 0 ? points : false;
            }
            """);
        var pointsWhileRunning = await whileRunning.JsonValueAsync<int>();
        await page.WaitForFunctionAsync(
            "n => Number(document.querySelector('[data-chart=wasserstein]').dataset.points) > n", pointsWhileRunning);

        await page.Locator("#job-status [data-status=succeeded]").WaitForAsync();
        await page.Locator("#latest-grid[data-step='300']").WaitForAsync();
        Assert.True(await page.EvalOnSelectorAsync<bool>("#latest-grid", "img => img.complete && img.naturalWidth > 0"));
        await Assertions.Expect(page.Locator("#cancel")).ToBeHiddenAsync();
        // The steady 200-step reading leads; the held-out one (one critic at one moment) follows it.
        await Assertions.Expect(page.Locator("#spearman")).ToHaveTextAsync(new Regex(@"^200-step W -?\d.* · held-out W -?\d"));

        // Every recorded row reached the charts once: the page drew what the API holds.
        using var client = new HttpClient { BaseAddress = _baseAddress };
        var metrics = await client.GetFromJsonAsync<MetricListResponse>($"/jobs/{jobId}/metrics?limit=1000", ApiClient.Json);
        var evaluations = await client.GetFromJsonAsync<EvaluationListResponse>($"/jobs/{jobId}/evaluations", ApiClient.Json);
        await page.WaitForFunctionAsync(
            "n => Number(document.querySelector('[data-chart=wasserstein]').dataset.points) === n", metrics!.Items.Count);
        Assert.Equal(evaluations!.Items.Count.ToString(), await page.Locator("[data-chart=quality]").GetAttributeAsync("data-points"));

        // The generate panel samples from the trained generator.
        await page.Locator("form#generate input[name=seed]").FillAsync("11");
        await page.Locator("form#generate").GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();
        await page.WaitForFunctionAsync(
            "() => { const img = document.querySelector('#generated'); return !img.hidden && img.complete && img.naturalWidth > 0; }");

        // Not blank: text, chart lines and the grids put dark "ink" on a light page; a page that failed
        // to render (or a blank capture) has none. The chart on its own must show ink too.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var pageInk = InkFraction(await page.ScreenshotAsync(new() { FullPage = true, Path = ScreenshotPath() }));
        var chartInk = InkFraction(await page.Locator("[data-chart=wasserstein] canvas").ScreenshotAsync());
        output.WriteLine($"screenshot {ScreenshotPath()}: ink on {pageInk:P1} of the page, {chartInk:P1} of the W chart");
        Assert.True(pageInk > 0.01, $"The page screenshot looks blank: ink on {pageInk:P2} of it.");
        Assert.True(chartInk > 0.005, $"The Wasserstein chart looks blank: ink on {chartInk:P2} of it.");
        Assert.Empty(pageErrors);
    }

    [Fact]
    public async Task A_job_on_labelled_images_charts_its_frechet_distance_with_floor_and_yardstick()
    {
        StartApi();
        using var client = new HttpClient { BaseAddress = _baseAddress };
        var upload = await client.PostAsync("/datasets", MnistSlice.Upload());
        var dataset = (await upload.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!;
        var job = await client.SubmitAsync(new
        {
            dataset = dataset.Id, variant = "wgan-gp",
            hyperparameters = new { generatorSteps = 2, batchSize = 16, evaluateEvery = 1, criticSteps = 1 },
        });
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1300, Height = 900 } });
        var pageErrors = new List<string>();
        page.PageError += (_, message) => pageErrors.Add(message);
        page.SetDefaultTimeout((float)TrainingTimeout.TotalMilliseconds);

        await page.GotoAsync(new Uri(_baseAddress, $"/#/jobs/{job.Id}").ToString());
        await page.Locator("#job-status [data-status=succeeded]").WaitForAsync();

        // One FD point per evaluation, and the dataset's noise yardstick drawn beside them.
        var evaluations = (await client.GetFromJsonAsync<EvaluationListResponse>($"/jobs/{job.Id}/evaluations", ApiClient.Json))!;
        await page.WaitForFunctionAsync("n => Number(document.querySelector('[data-chart=fd]').dataset.points) === n",
            evaluations.Items.Count);
        await page.WaitForFunctionAsync("() => document.querySelector('[data-chart=fd]').dataset.yardstick");
        var yardstick = double.Parse((await page.Locator("[data-chart=fd]").GetAttributeAsync("data-yardstick"))!,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(evaluations.Classifier!.NoiseFrechetDistance, yardstick, precision: 6);
        await Assertions.Expect(page.Locator("#fd")).ToContainTextAsync(" / ");
        var chartInk = InkFraction(await page.Locator("[data-chart=fd] canvas").ScreenshotAsync());
        Assert.True(chartInk > 0.005, $"The FD chart looks blank: ink on {chartInk:P2} of it.");
        Assert.Empty(pageErrors);
    }

    [Fact]
    public async Task With_keys_configured_the_page_asks_for_one_once_and_the_session_opens_the_hangfire_dashboard()
    {
        const string key = "dashboard-test-key";
        _factory.WithApiKey("alice", key, admin: true); // an admin: the page opens /hangfire
        StartApi();
        var page = await _browser.NewPageAsync();

        await page.GotoAsync(new Uri(_baseAddress, "/#/").ToString());
        var dialog = page.Locator("dialog#sign-in");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator("input[name=apiKey]").FillAsync("not-the-key");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sign-in-error")).ToHaveTextAsync("That key is not valid.");

        await dialog.Locator("input[name=apiKey]").FillAsync(key);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByText("No jobs yet.")).ToBeVisibleAsync();

        // The session cookie is what the rest of the page (and Hangfire's dashboard) ride on.
        Assert.Equal(200, await page.EvaluateAsync<int>("async () => (await fetch('/jobs')).status"));
        var hangfire = await page.GotoAsync(new Uri(_baseAddress, "/hangfire").ToString());
        Assert.Equal(200, hangfire!.Status);
        using var anonymous = new HttpClient { BaseAddress = _baseAddress };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task A_stream_refused_when_the_session_expires_signs_in_again_and_reopens()
    {
        const string key = "stream-test-key";
        _factory.WithApiKey("alice", key);
        StartApi();
        using var client = new HttpClient { BaseAddress = _baseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var job = await client.SubmitAsync(ApiClient.QuickJob(steps: 300));
        var page = await _browser.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, message) => pageErrors.Add(message);
        page.SetDefaultTimeout((float)TrainingTimeout.TotalMilliseconds);
        var dialog = page.Locator("dialog#sign-in");
        async Task SignInAsync()
        {
            await Assertions.Expect(dialog).ToBeVisibleAsync();
            await dialog.Locator("input[name=apiKey]").FillAsync(key);
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(dialog).ToBeHiddenAsync();
        }
        await page.GotoAsync(new Uri(_baseAddress, "/#/").ToString());
        await SignInAsync();

        // The session expires just as the job page opens its stream: that request finds no cookie and is refused.
        var streamRequests = 0;
        await page.RouteAsync("**/events*", async route =>
        {
            if (Interlocked.Increment(ref streamRequests) > 1)
            {
                await route.ContinueAsync();
                return;
            }
            await page.Context.ClearCookiesAsync();
            await route.FulfillAsync(new() { Status = 401 });
        });
        await page.GotoAsync(new Uri(_baseAddress, $"/#/jobs/{job.Id}").ToString());

        // The page asks for the key again (the browser would not retry a refused stream), then follows the job to its end.
        await SignInAsync();
        await page.Locator("#job-status [data-status=succeeded]").WaitForAsync();
        await Assertions.Expect(page.Locator("#job-status")).ToHaveAttributeAsync("data-stream", "ended");
        var metrics = await client.GetFromJsonAsync<MetricListResponse>($"/jobs/{job.Id}/metrics?limit=1000", ApiClient.Json);
        await page.WaitForFunctionAsync(
            "n => Number(document.querySelector('[data-chart=wasserstein]').dataset.points) === n", metrics!.Items.Count);
        Assert.Equal(2, streamRequests);
        Assert.Empty(pageErrors);
    }

    private static string ScreenshotPath() => Path.Combine(AppContext.BaseDirectory, "screenshots", "job-page.png");

    /// <summary>The share of pixels clearly darker than the page's light backgrounds.</summary>
    private static double InkFraction(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var pixels = bitmap.Pixels;
        var ink = pixels.Count(p => 0.2126 * p.Red + 0.7152 * p.Green + 0.0722 * p.Blue < 180);
        return (double)ink / pixels.Length;
    }
}
