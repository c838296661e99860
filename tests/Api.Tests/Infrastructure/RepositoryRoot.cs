namespace WganService.Api.Tests.Infrastructure;

/// <summary>The checkout the tests were built from: the folder above the test output holding WganService.sln.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "WganService.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("WganService.sln not found above the test output.");
    }
}
