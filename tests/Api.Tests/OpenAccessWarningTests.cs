using Microsoft.Extensions.Logging;
using WganService.Api.Auth;
using WganService.Api.Hosting;

namespace WganService.Api.Tests;

/// <summary>An open service is normal on one's own machine and a likely mistake on a server: only the latter warns.</summary>
public sealed class OpenAccessWarningTests
{
    private static readonly ServiceMode Embedded = new(null, "wgan.db", RunsTrainingWorker: true);
    private static readonly ServiceMode Server = new("Host=db", "", RunsTrainingWorker: false);

    [Theory]
    [InlineData(false, false, LogLevel.Information)]
    [InlineData(true, false, LogLevel.Warning)]
    [InlineData(false, true, LogLevel.None)]
    [InlineData(true, true, LogLevel.None)]
    public async Task StartUp_LogsOpenAccess_AsWarningOnlyInServerMode(bool serverMode, bool keysConfigured, LogLevel expected)
    {
        var logger = new RecordingLogger();
        var warning = new OpenAccessWarning(new FixedStore(keysConfigured), serverMode ? Server : Embedded, logger);

        await warning.StartAsync(CancellationToken.None);

        Assert.Equal(expected, logger.Levels.DefaultIfEmpty(LogLevel.None).Max());
        if (expected != LogLevel.None) Assert.Contains("Auth:ApiKeys", Assert.Single(logger.Messages), StringComparison.Ordinal);
    }

    private sealed class FixedStore(bool any) : IApiKeyStore
    {
        public ValueTask<ApiKeyIdentity?> FindAsync(string presentedKey, CancellationToken cancellationToken) => ValueTask.FromResult<ApiKeyIdentity?>(null);

        public ValueTask<bool> IsActiveAsync(string keyId, CancellationToken cancellationToken) => ValueTask.FromResult(false);

        public ValueTask<bool> AnyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(any);
    }

    private sealed class RecordingLogger : ILogger<OpenAccessWarning>
    {
        public List<LogLevel> Levels { get; } = [];

        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Levels.Add(logLevel);
            Messages.Add(formatter(state, exception));
        }
    }
}
