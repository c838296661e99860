using WganService.Api.Hosting;

namespace WganService.Api.Auth;

/// <summary>
/// Says at start-up when no keys are configured and so anyone who reaches the service may use it:
/// the intended default for embedded mode on one's own machine, a likely mistake for a server.
/// </summary>
internal sealed partial class OpenAccessWarning(IApiKeyStore keys, ServiceMode mode, ILogger<OpenAccessWarning> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await keys.AnyAsync(cancellationToken)) return;
        if (mode.IsEmbedded) LogOpenEmbedded();
        else LogOpenServer();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "No API keys configured (Auth:ApiKeys): the API and /hangfire are open to anyone who can reach them")]
    private partial void LogOpenEmbedded();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Server mode with no API keys configured (Auth:ApiKeys): the API and /hangfire are open to anyone who can reach them")]
    private partial void LogOpenServer();
}
