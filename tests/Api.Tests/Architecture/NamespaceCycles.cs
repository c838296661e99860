namespace WganService.Api.Tests.Architecture;

/// <summary>Groups of namespaces that depend on each other in a loop, each shown by one shortest cycle.</summary>
internal static class NamespaceCycles
{
    /// <returns>One line per group, e.g. "A → B → A (group: A, B)", and with <paramref name="withEdges"/>
    /// the group's edges below it: the ones to cut.</returns>
    public static IReadOnlyList<string> Find(IReadOnlyDictionary<string, HashSet<string>> graph, bool withEdges = false)
    {
        var reported = new HashSet<string>();
        var cycles = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (reported.Contains(start) || ShortestCycle(graph, start) is not { } cycle) continue;
            var group = Reachable(graph, start).Where(n => Reachable(graph, n).Contains(start)).Order(StringComparer.Ordinal).ToList();
            reported.UnionWith(group);
            cycles.Add($"{string.Join(" → ", cycle)} (group: {string.Join(", ", group)})");
            if (withEdges)
                cycles.AddRange(group.SelectMany(
                    from => Edges(graph, from).Where(group.Contains).Order(StringComparer.Ordinal).Select(to => $"    {from} → {to}")));
        }
        return cycles;
    }

    private static HashSet<string> Reachable(IReadOnlyDictionary<string, HashSet<string>> graph, string start)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var node))
            foreach (var next in Edges(graph, node))
                if (seen.Add(next)) queue.Enqueue(next);
        return seen;
    }

    /// <summary>Breadth first from <paramref name="start"/> back to it: the path, or null where it cannot return.</summary>
    private static List<string>? ShortestCycle(IReadOnlyDictionary<string, HashSet<string>> graph, string start)
    {
        var cameFrom = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in Edges(graph, node).Order(StringComparer.Ordinal))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var at = node; at != start; at = cameFrom[at]) path.Insert(1, at);
                    path.Add(start);
                    return path;
                }
                if (cameFrom.TryAdd(next, node)) queue.Enqueue(next);
            }
        }
        return null;
    }

    private static HashSet<string> Edges(IReadOnlyDictionary<string, HashSet<string>> graph, string node) =>
        graph.TryGetValue(node, out var next) ? next : [];
}
