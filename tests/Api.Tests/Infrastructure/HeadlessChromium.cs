using Microsoft.Playwright;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>
/// Debian's chromium driven by Playwright. Playwright's own browser download cannot run here, so the
/// test uses the system browser (.ci/run installs the package); a missing browser fails loudly.
/// </summary>
public static class HeadlessChromium
{
    private const string DefaultPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("WGAN_CHROMIUM") ?? DefaultPath;
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"No browser at {path}: install Debian's chromium (apt-get install chromium) or set WGAN_CHROMIUM.");
        var playwright = await Playwright.CreateAsync();
        // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = path, Headless = true, Args = ["--no-sandbox"] });
        return (playwright, browser);
    }
}
