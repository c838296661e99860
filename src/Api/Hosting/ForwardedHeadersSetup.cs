using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using WganService.Api.Deployment;

namespace WganService.Api.Hosting;

/// <summary>
/// Behind a reverse proxy (nginx, Traefik) every request comes from the proxy's address, so every client
/// would share one /generate rate-limit bucket and cookies would never be Secure. ForwardedHeaders:Enabled
/// makes the Api take the client's address and scheme from X-Forwarded-For and X-Forwarded-Proto, but only
/// from the proxies it is told to trust (README, "Behind a reverse proxy").
/// </summary>
public static class ForwardedHeadersSetup
{
    /// <summary>ASP.NET Core's own switch (ASPNETCORE_FORWARDEDHEADERS_ENABLED), which believes the headers from anyone.</summary>
    private const string TrustEveryoneSwitch = "FORWARDEDHEADERS_ENABLED";

    public static void AddWganForwardedHeaders(this WebApplicationBuilder builder)
    {
        var trustsEveryone = builder.Configuration.GetValue(TrustEveryoneSwitch, false);
        builder.Services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>>(new Validator(trustsEveryone));
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, bound) =>
        {
            var settings = bound.Value;
            // Not X-Forwarded-Host: nothing here builds links from the host, and believing it buys nothing.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = settings.ForwardLimit;
            foreach (var proxy in settings.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in settings.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
    }

    /// <summary>
    /// First in the pipeline: the request log, the metrics, the rate limiter (which keys on the client address)
    /// and the cookie's Secure flag must all see the client, not the proxy.
    /// </summary>
    public static void UseWganForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Enabled) app.UseForwardedHeaders();
    }

    /// <summary>Start-up errors that name the setting (and entry) at fault.</summary>
    private sealed class Validator(bool trustsEveryone) : IValidateOptions<ForwardedHeadersSettings>
    {
        public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
        {
            var problems = options.Problems().ToList();
            if (trustsEveryone)
                problems.Add("ASPNETCORE_FORWARDEDHEADERS_ENABLED believes X-Forwarded-For from any client; "
                    + "set ForwardedHeaders:Enabled with KnownProxies or KnownNetworks instead.");
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
