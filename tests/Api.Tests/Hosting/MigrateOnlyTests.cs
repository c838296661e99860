using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using WganService.Api.Tests.Infrastructure;
using WganService.Api.Tests.Postgres;
using WganService.Domain.Persistence;

namespace WganService.Api.Tests.Hosting;

/// <summary>
/// The compose file's migrate service: the real Api process with Database:MigrateOnly migrates an
/// empty database and exits 0 on its own, needing nothing but the connection string (no keys).
/// </summary>
[Collection("postgres")]
public class MigrateOnlyTests(PostgresServer postgres)
{
    [Fact]
    public async Task MigrateOnly_AppliesEveryMigration_AndExits0_WithoutKeys()
    {
        var database = await postgres.CreateDatabaseAsync();
        var api = BuiltAssembly.Find("Api", "WganService.Api.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(api)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(api);
        info.Environment["ConnectionStrings__Postgres"] = database;
        info.Environment["Database__MigrateOnly"] = "true";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";

        using var process = Process.Start(info)!;
        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var logs = string.Concat(await output);

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}\n{logs}");
        await using var context = new PostgresWganDbContext(
            new DbContextOptionsBuilder<PostgresWganDbContext>().UseNpgsql(database).Options);
        Assert.NotEmpty(await context.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
    }
}
