using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;

namespace WganService.Api.Tests;

[Collection("postgres")]
public class PostgresModeTests(PostgresServer postgres)
{
    [Fact]
    public async Task SubmittedJob_Succeeds_AndServesSamples_OnPostgres()
    {
        await using var factory = WganApiFactory.ServerMode(await postgres.CreateDatabaseAsync(), trainInApi: true);
        using var client = factory.CreateClient();

        await TrainAndGenerateScenario.RunAsync(client);
    }
}
