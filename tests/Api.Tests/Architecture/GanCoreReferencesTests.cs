using System.Reflection;
using System.Xml.Linq;
using WganService.Api.Tests.Infrastructure;
using WganService.Gan;

namespace WganService.Api.Tests.Architecture;

/// <summary>
/// The GAN core (the assembly that holds <see cref="WganTrainer"/>) stays free of persistence and job
/// running: it may use TorchSharp, SkiaSharp and Protobuf, and nothing of EF Core, Npgsql, Hangfire or
/// the service's other projects, so the networks and the trainer can be used and tested on their own.
/// </summary>
public sealed class GanCoreReferencesTests
{
    private static readonly Assembly Core = typeof(WganTrainer).Assembly;
    private static readonly string[] Forbidden = ["Microsoft.EntityFrameworkCore", "Npgsql", "Hangfire", "WganService."];

    // What the core is built from: TorchSharp and its natives, SkiaSharp (PNG), Protobuf (TensorBoard
    // events, ONNX models) with Grpc.Tools, its compiler, at build time only (onnx.proto; PrivateAssets all),
    // and System.IO.Hashing (CRC-32C for TFRecord framing).
    private static readonly string[] AllowedPackages =
        ["TorchSharp", "libtorch-", "SkiaSharp", "Google.Protobuf", "Grpc.Tools", "System.IO.Hashing"];

    [Fact]
    public void CompiledCore_ReferencesNoPersistenceOrJobAssembly()
    {
        var offending = Core.GetReferencedAssemblies().Select(a => a.Name!).Where(IsForbidden);

        Assert.Empty(offending);
    }

    [Fact]
    public void CoreProject_ReferencesOnlyTheTrainingPackages()
    {
        var project = XDocument.Load(ProjectFile());
        var packages = project.Descendants("PackageReference").Select(p => (string)p.Attribute("Include")!).ToList();

        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.DoesNotContain(packages, IsForbidden);
        Assert.All(packages, p => Assert.Contains(AllowedPackages, a => p.StartsWith(a, StringComparison.Ordinal)));
    }

    private static bool IsForbidden(string name) => Forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal));

    /// <summary>WganService.X is built by src/X/X.csproj.</summary>
    private static string ProjectFile()
    {
        var project = Core.GetName().Name!["WganService.".Length..];
        return Path.Combine(RepositoryRoot.Find(), "src", project, $"{project}.csproj");
    }
}
