using WganService.Api.Tests.Infrastructure;

namespace WganService.Api.Tests.Architecture;

/// <summary>
/// No namespace in src depends, directly or through others, on a namespace that depends on it: read
/// from the compiled assemblies of every src project, so generated code and lambdas count too.
/// </summary>
public sealed class NamespaceCycleTests
{
    [Fact]
    public void Src_HasNoNamespaceCycles()
    {
        var cycles = NamespaceCycles.Find(SrcGraph(), withEdges: true);

        Assert.True(cycles.Count == 0, $"Namespace cycles in src:\n{string.Join("\n", cycles)}");
    }

    [Fact]
    public void Graph_SeesDependenciesInMethodBodies()
    {
        var graph = SrcGraph();

        // TrainingJobRunner opens the DbContext only inside its method bodies.
        Assert.Contains("WganService.Domain.Persistence", graph["WganService.Domain.Training"]);
        // Every src project is read (the Worker is not referenced by the Api).
        Assert.Contains(graph.Keys, n => n.StartsWith("WganService.Worker", StringComparison.Ordinal));
    }

    [Fact]
    public void Find_NamesEachCycleOnce_AndIgnoresChains()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A", "D"], ["D"] = ["E"], ["E"] = [],
        };

        Assert.Equal(["A → B → C → A (group: A, B, C)"], NamespaceCycles.Find(graph));
        Assert.Empty(NamespaceCycles.Find(new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = [] }));
    }

    /// <summary>src/{Project}/{Project}.csproj builds WganService.{Project}.dll.</summary>
    private static Dictionary<string, HashSet<string>> SrcGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>();
        var projects = Directory.GetDirectories(Path.Combine(RepositoryRoot.Find(), "src"))
            .Select(Path.GetFileName)
            .Where(p => File.Exists(Path.Combine(RepositoryRoot.Find(), "src", p!, $"{p}.csproj")));
        foreach (var project in projects) NamespaceDependencies.AddTo(graph, BuiltAssembly.Find(project!, $"WganService.{project}.dll"));
        return graph;
    }
}
