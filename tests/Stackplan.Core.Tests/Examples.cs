using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Tests;

/// <summary>Finds the repository's example specs from the test's output folder.</summary>
internal static class Examples
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string example) => System.IO.Path.Combine(Root, "examples", example, "platform.yaml");

    public static PlatformSpec Spec(string example) => SpecReader.Read(File.ReadAllText(PathOf(example)), $"examples/{example}/platform.yaml");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Stackplan.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root above " + AppContext.BaseDirectory);
    }
}
