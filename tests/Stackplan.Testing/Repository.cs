namespace Stackplan.Testing;

/// <summary>The repository a test runs in, found from the test's output folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the repository root, from its parts (e.g. "src", "Stackplan.Core").</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Stackplan.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root above " + AppContext.BaseDirectory);
    }
}
