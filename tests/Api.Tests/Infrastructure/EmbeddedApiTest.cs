namespace WganService.Api.Tests.Infrastructure;

/// <summary>A fresh embedded-mode Api (its own SQLite file) for each test of a class.</summary>
public abstract class EmbeddedApiTest : IAsyncLifetime
{
    protected WganApiFactory Factory { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = WganApiFactory.Embedded();
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
