using Microsoft.Extensions.Options;

namespace WganService.Api.Auth;

/// <summary>
/// Says at start-up when no keys are configured and so anyone who reaches the service may use it.
/// Only two ways get that far (<see cref="AccessModeValidator"/> refuses the rest): embedded mode on
/// localhost, the intended default for one person, and Auth:Disabled=true, a deliberate choice that
/// still deserves a warning in every log.
/// </summary>
internal sealed partial class OpenAccessWarning(IApiKeyStore keys, IOptions<ApiKeyOptions> options,
    ILogger<OpenAccessWarning> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await keys.AnyAsync(cancellationToken)) return;
        if (options.Value.Disabled) LogDisabled();
        else LogOpenOnLocalhost();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "No API keys configured (Auth:ApiKeys): the API, /hangfire and /metrics are open to anyone on this machine")]
    private partial void LogOpenOnLocalhost();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Auth:Disabled=true and no API keys configured (Auth:ApiKeys): " +
            "the API, /hangfire and /metrics are open to anyone who can reach them")]
    private partial void LogDisabled();
}
