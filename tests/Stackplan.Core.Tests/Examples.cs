using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Testing;

namespace Stackplan.Core.Tests;

/// <summary>Finds the repository's example specs from the test's output folder.</summary>
internal static class Examples
{
    public static string Root => Repository.Root;

    public static string PathOf(string example) => System.IO.Path.Combine(Root, "examples", example, "platform.yaml");

    public static PlatformSpec Spec(string example) => SpecReader.Read(File.ReadAllText(PathOf(example)), $"examples/{example}/platform.yaml");
}
