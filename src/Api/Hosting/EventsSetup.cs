using WganService.Api.Deployment;
using WganService.Api.Events;

namespace WganService.Api.Hosting;

public static class EventsSetup
{
    /// <summary>The hub, fed by PostgreSQL notifications in server mode or in-process signals in embedded mode.</summary>
    public static void AddWganEvents(this WebApplicationBuilder builder, ServiceMode mode)
    {
        builder.Services.AddSingleton<JobEventHub>();
        if (mode.IsEmbedded) builder.Services.AddHostedService<InProcessJobChangeRelay>();
        else builder.Services.AddHostedService<PostgresJobChangeListener>();
    }
}
