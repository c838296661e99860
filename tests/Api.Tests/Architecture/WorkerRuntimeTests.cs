using System.Text.Json.Nodes;
using WganService.Api.Tests.Infrastructure;

namespace WganService.Api.Tests.Architecture;

/// <summary>
/// The worker image starts from mcr.microsoft.com/dotnet/runtime, which holds .NET's runtime and not
/// ASP.NET Core's (Dockerfile, worker-base; deploy/check-dockerfile.py). A package that brings a framework
/// reference to ASP.NET Core (Serilog.AspNetCore did) would build and pass every test here, then fail to
/// start in the image: the built worker must ask for Microsoft.NETCore.App alone.
/// </summary>
public sealed class WorkerRuntimeTests
{
    [Fact]
    public void BuiltWorker_NeedsOnlyTheDotNetRuntime()
    {
        var config = JsonNode.Parse(File.ReadAllText(BuiltAssembly.Find("Worker", "WganService.Worker.runtimeconfig.json")))!;
        var options = config["runtimeOptions"]!;
        // One framework is written as "framework", several as "frameworks".
        var frameworks = options["frameworks"]?.AsArray().Select(f => (string)f!["name"]!).ToList()
            ?? [(string)options["framework"]!["name"]!];

        Assert.Equal(["Microsoft.NETCore.App"], frameworks);
    }
}
