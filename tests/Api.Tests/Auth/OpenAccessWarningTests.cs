using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WganService.Api.Auth;

namespace WganService.Api.Tests.Auth;

/// <summary>
/// An open service is normal on one's own machine; one opened with Auth:Disabled=true (the only way a
/// server or a non-loopback embedded service starts without keys) warns in every log.
/// </summary>
public sealed class OpenAccessWarningTests
{
    [Theory]
    [InlineData(false, false, LogLevel.Information)]
    [InlineData(true, false, LogLevel.Warning)]
    [InlineData(false, true, LogLevel.None)]
    public async Task StartUp_LogsOpenAccess_AsWarningWhenAuthIsDisabled(bool disabled, bool keysConfigured, LogLevel expected)
    {
        var logger = new RecordingLogger();
        var warning = new OpenAccessWarning(new FixedStore(keysConfigured), Options.Create(new ApiKeyOptions { Disabled = disabled }),
            logger);

        await warning.StartAsync(CancellationToken.None);

        Assert.Equal(expected, logger.Levels.DefaultIfEmpty(LogLevel.None).Max());
        if (expected != LogLevel.None) Assert.Contains("Auth:ApiKeys", Assert.Single(logger.Messages), StringComparison.Ordinal);
        if (expected == LogLevel.Warning) Assert.Contains("Auth:Disabled=true", logger.Messages[0], StringComparison.Ordinal);
    }

    private sealed class FixedStore(bool any) : IApiKeyStore
    {
        public ValueTask<ApiKeyIdentity?> FindAsync(string presentedKey, CancellationToken cancellationToken)
            => ValueTask.FromResult<ApiKeyIdentity?>(null);

        public ValueTask<ApiKeyIdentity?> FindByIdAsync(string keyId, CancellationToken cancellationToken)
            => ValueTask.FromResult<ApiKeyIdentity?>(null);

        public ValueTask<bool> AnyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(any);
    }

    private sealed class RecordingLogger : ILogger<OpenAccessWarning>
    {
        public List<LogLevel> Levels { get; } = [];

        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            Levels.Add(logLevel);
            Messages.Add(formatter(state, exception));
        }
    }
}
