using Microsoft.Extensions.Options;
using WganService.Api.Deployment;
using WganService.Api.Hosting;

namespace WganService.Api.Auth;

/// <summary>
/// Refuses to start a service that would be open to other machines by accident: server mode without
/// keys, or embedded mode listening beyond localhost without keys. Auth:Disabled=true is the explicit
/// way to run open anyway; with keys configured it would contradict them, so that is refused too.
/// </summary>
internal sealed class AccessModeValidator(ServiceMode mode, ListenAddresses listen) : IValidateOptions<ApiKeyOptions>
{
    private const string Remedy = "Configure Auth:ApiKeys (see README, Authentication), " +
        "or set Auth:Disabled=true to run without keys on purpose.";

    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var hasKeys = options.ApiKeys.Count > 0;
        if (options.Disabled)
            return hasKeys
                ? ValidateOptionsResult.Fail(
                    "Auth:Disabled=true and Auth:ApiKeys are both set: remove the keys to run open, or Auth:Disabled to require them.")
                : ValidateOptionsResult.Success;
        if (hasKeys) return ValidateOptionsResult.Success;
        if (!mode.IsEmbedded)
            return ValidateOptionsResult.Fail(
                $"Server mode (ConnectionStrings:Postgres is set) refuses to start without API keys. {Remedy}");
        return listen.Reachable is { Count: > 0 } reachable
            ? ValidateOptionsResult.Fail(
                $"Embedded mode without API keys listens on localhost only, but {string.Join(", ", reachable)} is configured. {Remedy}")
            : ValidateOptionsResult.Success;
    }
}
