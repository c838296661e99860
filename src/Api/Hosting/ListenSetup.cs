using WganService.Api.Deployment;

namespace WganService.Api.Hosting;

public static class ListenSetup
{
    /// <summary>
    /// Embedded mode with no address configured listens on localhost:5080, whatever starts it (dotnet
    /// run reads launchSettings.json; the published dll would otherwise take Kestrel's default). Whether
    /// configured addresses may be reached from other machines without keys is checked with the keys
    /// (<see cref="Auth.AccessModeValidator"/>).
    /// </summary>
    public static void AddWganListening(this WebApplicationBuilder builder, ServiceMode mode)
    {
        var listen = ListenAddresses.FromConfiguration(builder.Configuration);
        if (mode.IsEmbedded && listen.IsEmpty)
        {
            builder.WebHost.UseUrls(ListenAddresses.EmbeddedDefault);
            listen = new ListenAddresses([ListenAddresses.EmbeddedDefault]);
        }
        builder.Services.AddSingleton(listen);
    }
}
