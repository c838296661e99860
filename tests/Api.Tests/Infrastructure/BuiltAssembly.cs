namespace WganService.Api.Tests.Infrastructure;

/// <summary>
/// A src project's own build output in this checkout (src/{project}/bin/{Configuration}/{framework}),
/// for tests that start the real process as a deployment would, with its own content root.
/// </summary>
public static class BuiltAssembly
{
    public static string Find(string project, string assemblyFile)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (testOutput.Name, testOutput.Parent!.Name);
        var path = Path.Combine(RepositoryRoot.Find(), "src", project, "bin", configuration, framework, assemblyFile);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {assemblyFile} is missing.", path);
    }
}
