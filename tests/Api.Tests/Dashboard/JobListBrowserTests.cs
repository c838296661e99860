using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WganService.Api.Datasets;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Persistence;

namespace WganService.Api.Tests.Dashboard;

/// <summary>
/// The job list in a real browser at a laptop's width (1280 px), against server mode on PostgreSQL with no worker,
/// so jobs stay exactly as the test leaves them: many long names fit without sideways scrolling, and an uploaded
/// dataset shows by its name, not its id.
/// </summary>
[Collection("postgres")]
public sealed class JobListBrowserTests(PostgresServer postgres) : IAsyncLifetime
{
    private const int JobCount = 40;
    // Playwright's assertions wait 5 s by default; uploads and first loads took longer on a busy 2-core machine.
    private const float Patience = 30_000;
    private static readonly BrowserNewPageOptions Laptop = new() { ViewportSize = new() { Width = 1280, Height = 800 } };
    private WganApiFactory _factory = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private Uri _baseAddress = null!;
    private readonly List<string> _pageErrors = [];

    public async Task InitializeAsync()
    {
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
    public async Task At_1280_px_many_jobs_with_long_names_fit_the_window_without_sideways_scrolling()
    {
        // The longest names the service accepts (100 characters), with and without spaces to break at,
        // half of them on an upload whose name is as long, and a few with no name (the service makes one up).
        using var client = new HttpClient { BaseAddress = _baseAddress };
        var datasetName = Fit("handwritten-digits-2026-12-06-cleaned-deduplicated-training-split-without-held-out-test-set-v2");
        var uploaded = await UploadRingAsync(client, datasetName + ".csv");
        var names = new Dictionary<Guid, string>();
        for (var i = 0; i < JobCount; i++)
        {
            string? name = (i % 3) switch
            {
                0 => Fit($"sweep-{i:00}-dcgan-mnist-lr0.0005-beta1-0.5-beta2-0.9-batch32-ncritic2-ema0.99-gp10-steps20000"),
                1 => Fit($"{i:00} digits, lr 5e-4, batch 32, n_critic 2, generator average 0.99, a longer run to see the plateau"),
                _ => i % 2 == 0 ? null : "ring",
            };
            var job = await client.SubmitAsync(new
            {
                name, dataset = i % 2 == 0 ? uploaded : "25gaussians", variant = i % 4 == 0 ? "wgan" : "wgan-gp",
                hyperparameters = new { generatorSteps = 20000 },
            });
            names[job.Id] = job.Name;
        }
        await ShowSomeRunningAsync(names.Keys.TakeLast(6)); // the newest: at the top of the list

        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(_baseAddress, "/#/").ToString());
        await Assertions.Expect(page.Locator("#jobs tbody tr")).ToHaveCountAsync(JobCount, new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("#jobs tbody td.num", new() { HasText = "-0.0123" }).First)
            .ToBeVisibleAsync(new() { Timeout = Patience });

        var widths = await page.EvaluateAsync<int[]>("""
            () => {
              const page = document.scrollingElement, list = document.querySelector('#jobs').parentElement;
              return [page.scrollWidth, page.clientWidth, list.scrollWidth, list.clientWidth];
            }
            """);
        await page.ScreenshotAsync(new() { Path = ScreenshotPath() });
        Assert.True(widths[0] <= widths[1], $"The page scrolls sideways: {widths[0]} px of content in a {widths[1]} px window.");
        Assert.True(widths[2] <= widths[3], $"The job list overflows its box: {widths[2]} px of table in {widths[3]} px.");

        // Every column (and the tick boxes that pick jobs to compare) is still there at this width, names keep a readable
        // share of it, and a cut name is whole in its tooltip.
        await Assertions.Expect(page.Locator("#jobs thead th:visible")).ToHaveCountAsync(9, new() { Timeout = Patience });
        var nameShare = await page.EvaluateAsync<double>(
            "() => document.querySelector('#jobs thead th.name').offsetWidth / document.querySelector('#jobs').offsetWidth");
        Assert.True(nameShare >= 0.2, $"The name column has {nameShare:P0} of the list's width.");
        foreach (var (id, name) in names.Take(3))
            await Assertions.Expect(page.Locator($"#jobs tr[data-job='{id}'] [title]").First)
                .ToHaveAttributeAsync("title", name, new() { Timeout = Patience });
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task A_job_on_an_uploaded_dataset_shows_the_dataset_by_name_in_the_list_and_in_its_default_name()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(_baseAddress, "/#/new").ToString());
        var form = page.Locator("form#new-job");
        await form.Locator("select[name=dataset] option[value='8gaussians']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("input[type=file]").SetInputFilesAsync(
            new FilePayload { Name = "ring-of-points.csv", MimeType = "text/csv", Buffer = RingCsv() });
        await Assertions.Expect(page.GetByText("Uploaded ring-of-points:")).ToBeVisibleAsync(new() { Timeout = Patience });
        await form.GetByRole(AriaRole.Button, new() { Name = "Start training" }).ClickAsync();

        // Polled, not WaitForURLAsync (see DashboardBrowserTests: it can miss a hash change).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#/jobs/[0-9a-f-]{36}$"), new() { Timeout = Patience });
        var jobId = Guid.Parse(page.Url[^36..]);
        await Assertions.Expect(page.Locator("#job-name")).ToHaveTextAsync("ring-of-points-wgan-gp", new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("dl.details dt:text-is('Dataset') + dd"))
            .ToHaveTextAsync("ring-of-points", new() { Timeout = Patience });

        await page.GotoAsync(new Uri(_baseAddress, "/#/").ToString());
        await page.Locator($"#jobs tr[data-job='{jobId}']").WaitForAsync();
        var datasetCell = await page.EvaluateAsync<string>("""
            id => {
              const column = [...document.querySelectorAll('#jobs thead th')].findIndex(th => th.textContent === 'Dataset');
              return document.querySelector(`#jobs tr[data-job="${id}"]`).cells[column].textContent;
            }
            """, jobId.ToString());
        Assert.Equal("ring-of-points", datasetCell);
        Assert.Empty(_pageErrors);
    }

    private async Task<IPage> NewPageAsync()
    {
        var page = await _browser.NewPageAsync(Laptop);
        page.PageError += (_, message) => _pageErrors.Add(message);
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>Uploads <see cref="RingCsv"/> under a file name (the dataset is named after it) and returns its id.</summary>
    private static async Task<string> UploadRingAsync(HttpClient client, string fileName)
    {
        var response = await client.PostAsync("/datasets", IdxFile.Upload(RingCsv(), fileName));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<DatasetResponse>(ApiClient.Json))!.Id;
    }

    /// <summary>200 points on the unit circle, one "x,y" per line.</summary>
    private static byte[] RingCsv()
    {
        var csv = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            var angle = 2 * Math.PI * i / 200;
            csv.Append(CultureInfo.InvariantCulture, $"{Math.Cos(angle):F4},{Math.Sin(angle):F4}\n");
        }
        return Encoding.ASCII.GetBytes(csv.ToString());
    }

    /// <summary>Running jobs with a metric row and an evaluation, so the list's number columns hold realistic values.</summary>
    private async Task ShowSomeRunningAsync(IEnumerable<Guid> ids)
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WganDbContext>();
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, k) in ids.Select((id, k) => (id, k + 1)))
        {
            var job = await db.Jobs.SingleAsync(j => j.Id == id);
            job.Start("cuda:0", "layout-test", now, TimeSpan.FromHours(1));
            job.ReportProgress(1_700 * k, now, TimeSpan.FromHours(1));
            db.Metrics.Add(new JobMetric
            {
                JobId = id, GeneratorStep = 1_700 * k, CriticLoss = 0.0123 * k, GeneratorLoss = -12.5 * k,
                WassersteinEstimate = -0.0123456 * k, CriticGradientNorm = 1.02, SamplesPerSecond = 1234.5, RecordedAt = now,
            });
            db.Evaluations.Add(new JobEvaluation
            {
                JobId = id, GeneratorStep = 1_500 * k, SlicedWasserstein = 0.000123456 * k, SlicedWassersteinFloor = 0.0001,
                WassersteinEstimate = -0.0123 * k, RecordedAt = now,
            });
        }
        await db.SaveChangesAsync();
    }

    /// <summary><paramref name="text"/> repeated and cut to the longest name the service takes (100 characters).</summary>
    private static string Fit(string text)
    {
        var name = string.Concat(Enumerable.Repeat(text + " ", 3))[..100];
        return name.EndsWith(' ') ? name[..99] + "x" : name;
    }

    private static string ScreenshotPath() => Path.Combine(AppContext.BaseDirectory, "screenshots", "job-list-1280.png");
}
