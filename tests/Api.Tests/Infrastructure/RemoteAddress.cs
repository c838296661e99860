using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>
/// Makes every request arrive from another machine. The in-memory test server has no client
/// address of its own; the real one decides whether "local requests only" rules let a request in.
/// </summary>
public static class RemoteAddress
{
    public static WebApplicationFactory<Program> FromRemoteAddress(this WebApplicationFactory<Program> factory, IPAddress address) =>
        factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new Filter(address))));

    private sealed class Filter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = address;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
