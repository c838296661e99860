using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WganService.Api.Tests.Postgres;

namespace WganService.Api.Tests.Infrastructure;

/// <summary>
/// The real Api in-process: embedded mode on a SQLite file in a temporary folder, or server mode on a
/// PostgreSQL database (training in the Api only when asked, as a deployment would configure it).
/// </summary>
public sealed class WganApiFactory : WebApplicationFactory<Program>
{
    private readonly string? _postgres;
    private readonly bool _trainInApi;
    // A folder the factory made itself goes with it; one a test passed in is the test's (it may restart on it).
    private readonly bool _ownsDataDirectory;

    private WganApiFactory(string? postgres, bool trainInApi, string? dataDirectory)
    {
        _postgres = postgres;
        _trainInApi = trainInApi;
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("wgan-test-").FullName;
    }

    public string DataDirectory { get; }

    /// <summary>Extra configuration for one test (for example a small upload limit).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public static WganApiFactory Embedded(string? dataDirectory = null) =>
        new(null, true, dataDirectory);

    /// <summary>
    /// Server mode refuses to start without keys, so this one starts open on purpose (Auth:Disabled),
    /// as the tests of everything but authentication need; <see cref="ApiKeys.WithApiKey"/> turns that off again.
    /// </summary>
    public static WganApiFactory ServerMode(string postgres, bool trainInApi)
    {
        var factory = new WganApiFactory(postgres, trainInApi, dataDirectory: null);
        factory.Settings["Auth:Disabled"] = "true";
        return factory;
    }

    /// <summary>
    /// The Api on <paramref name="storage"/>: embedded mode (which always trains in the Api), or server mode
    /// on a fresh database of <paramref name="postgres"/>, training in the Api only when asked.
    /// </summary>
    public static async Task<WganApiFactory> OnAsync(Storage storage, PostgresServer postgres, bool trainInApi = true) => storage switch
    {
        Storage.Sqlite => Embedded(),
        Storage.Postgres => ServerMode(await postgres.CreateDatabaseAsync(), trainInApi),
        _ => throw new ArgumentOutOfRangeException(nameof(storage), storage, null),
    };

    /// <summary>Starts the Api on a real socket on a free port (a browser cannot reach the in-memory test server).</summary>
    public Uri StartOnSocket()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return new Uri(addresses.Addresses.First());
    }

    /// <summary>Also removes the data folder the factory made: 3,120 left behind (11 GB) filled this machine's disk.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDataDirectory && Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", _postgres ?? "");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Hangfire:RunWorkerInApi", _trainInApi ? "true" : "false");
        builder.UseSetting("Training:Threads", "1");
        builder.UseSetting("Training:FlushInterval", "00:00:00.200");
        builder.UseSetting("Generation:MaxCount", "5000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }
}
