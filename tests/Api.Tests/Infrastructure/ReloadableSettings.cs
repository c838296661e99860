using Microsoft.Extensions.Configuration;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>
/// A configuration source a test can change while the host runs, signalling a reload the way an
/// edited appsettings.json does, but synchronously (no file watcher to wait for).
/// </summary>
public sealed class ReloadableSettings : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public void Replace(IReadOnlyDictionary<string, string?> settings)
    {
        Data = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);
        OnReload();
    }
}
