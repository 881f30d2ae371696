namespace Stackplan.Benchmarks;

/// <summary>Finds the example specs from wherever BenchmarkDotNet runs the benchmark process.</summary>
internal static class RepositoryPaths
{
    public static string Example(string name) => Path.Combine(Root, "examples", name, "platform.yaml");

    private static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Stackplan.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}
