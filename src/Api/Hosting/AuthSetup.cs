using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using WganService.Api.Auth;

namespace WganService.Api.Hosting;

/// <summary>
/// API keys (X-Api-Key) for programs, a session cookie for the browser dashboard, one policy for
/// every route: an authenticated caller whenever any key is configured.
/// </summary>
public static class AuthSetup
{
    /// <summary>A working day; the dashboard asks for the key again after that.</summary>
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    public static void AddWganAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        services.AddSingleton<IValidateOptions<ApiKeyOptions>, AccessModeValidator>();
        services.AddSingleton<IApiKeyStore, ConfiguredApiKeyStore>();
        services.AddHostedService<OpenAccessWarning>();
        services.AddHttpContextAccessor();
        // Handlers take the caller's TenantScope as a parameter and pass it to every query.
        services.AddScoped(s => CallerTenant.From(s.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new ClaimsPrincipal()));

        services.AddScoped<SessionCookieEvents>();
        services.AddAuthentication(AuthSchemes.ApiKeyOrCookie)
            .AddPolicyScheme(AuthSchemes.ApiKeyOrCookie, "API key or session cookie", o =>
            {
                o.ForwardDefaultSelector = http
                    => http.Request.Headers.ContainsKey(AuthSchemes.HeaderName) ? AuthSchemes.ApiKey : AuthSchemes.Cookie;
                // Refusals look the same whichever credential was missing: a 401 ProblemDetails with the ApiKey challenge.
                o.ForwardChallenge = AuthSchemes.ApiKey;
                o.ForwardForbid = AuthSchemes.ApiKey;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, configureOptions: null)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = "wgan.session";
                o.Cookie.HttpOnly = true;
                // Strict: no other site can make the browser send it, which is the CSRF protection for cookie callers.
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = SessionLifetime;
                o.SlidingExpiration = true;
                o.EventsType = typeof(SessionCookieEvents);
            });

        services.AddScoped<IAuthorizationHandler, ApiUserRequirementHandler>();
        services.AddScoped<IAuthorizationHandler, AdminRequirementHandler>();
        var apiUser = new AuthorizationPolicyBuilder().AddRequirements(new ApiUserRequirement()).Build();
        // Fallback: routes that say nothing; default: routes that ask for authorization without naming a policy.
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthSchemes.ApiUserPolicy, apiUser)
            .AddPolicy(AuthSchemes.AdminPolicy, p => p.AddRequirements(new ApiUserRequirement(), new AdminRequirement()))
            .SetDefaultPolicy(apiUser)
            .SetFallbackPolicy(apiUser);

        services.ConfigureSwaggerGen(o =>
        {
            o.AddSecurityDefinition(AuthSchemes.ApiKey, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = AuthSchemes.HeaderName,
                Description = "An API key from Auth:ApiKeys (not needed when none is configured).",
            });
            o.AddSecurityRequirement(
                document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AuthSchemes.ApiKey, document)] = [] });
        });
    }

    /// <summary>
    /// After static files and Swagger UI (anonymous: the dashboard must load before anyone signs in),
    /// before the endpoints. The fallback policy also covers requests that match no endpoint.
    /// </summary>
    public static void UseWganAuth(this WebApplication app)
    {
        // Validated now rather than when the host starts: a server that would be open by mistake must
        // stop before it migrates a database or listens, with the validators' message as the reason.
        _ = app.Services.GetRequiredService<IOptions<ApiKeyOptions>>().Value;
        app.UseAuthentication();
        app.UseAuthorization();
    }
}
