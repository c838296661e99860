using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using Xunit.Abstractions;

namespace WganService.Api.Tests.Hostile;

/// <summary>The same fuzz run in server mode: PostgreSQL enforces column lengths and types that SQLite lets through.</summary>
[Collection("postgres")]
public sealed class HostileInputPostgresTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task MalformedRequests_GetProblemDetails_NeverA5xx_OnPostgres()
    {
        await using var factory = HostileInputTests.Configure(WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: true));
        await new HostileInputTests(output).FuzzAsync(factory);
    }
}
