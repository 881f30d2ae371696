using Stackplan.Testing;

namespace Stackplan.Core.Tests;

/// <summary>
/// Core does no I/O, no clock, no environment, no processes: the banned-API analyzer refuses them
/// at build time, so Core building at all proves it uses none. This test keeps the list holding them.
/// </summary>
public sealed class BannedSymbolsTests
{
    private static readonly string[] Banned = [.. File.ReadAllLines(Repository.PathOf("src", "Stackplan.Core", "BannedSymbols.txt"))
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split(';')[0].Trim())];

    [Theory]
    [InlineData("T:System.IO.File")]
    [InlineData("T:System.IO.FileStream")]
    [InlineData("T:System.Console")]
    [InlineData("T:System.Net.Http.HttpClient")]
    [InlineData("M:System.IO.StreamReader.#ctor(System.String)")]
    [InlineData("M:System.IO.StreamReader.#ctor(System.String,System.Text.Encoding,System.Boolean,System.IO.FileStreamOptions)")]
    [InlineData("M:System.IO.StreamWriter.#ctor(System.String)")]
    [InlineData("M:System.IO.StreamWriter.#ctor(System.String,System.Boolean,System.Text.Encoding,System.Int32)")]
    [InlineData("P:System.DateTime.Now")]
    [InlineData("P:System.DateTime.Today")]
    [InlineData("P:System.DateTime.UtcNow")]
    [InlineData("P:System.DateTimeOffset.UtcNow")]
    [InlineData("P:System.TimeProvider.System")]
    [InlineData("M:System.Environment.GetEnvironmentVariable(System.String)")]
    [InlineData("M:System.Environment.GetEnvironmentVariable(System.String,System.EnvironmentVariableTarget)")]
    [InlineData("M:System.Environment.GetEnvironmentVariables")]
    [InlineData("M:System.Environment.GetEnvironmentVariables(System.EnvironmentVariableTarget)")]
    [InlineData("M:System.Environment.ExpandEnvironmentVariables(System.String)")]
    [InlineData("P:System.Environment.CurrentDirectory")]
    [InlineData("M:System.Environment.GetCommandLineArgs")]
    [InlineData("T:System.Diagnostics.Process")]
    [InlineData("T:System.Random")]
    public void Core_cannot_use(string symbol) => Banned.ShouldContain(symbol);

    [Fact]
    public void Every_string_path_constructor_of_StreamReader_and_StreamWriter_is_banned()
    {
        // Reflection lists the overloads this runtime has, so a new one cannot slip past the list.
        foreach (var type in new[] { typeof(StreamReader), typeof(StreamWriter) })
        {
            foreach (var ctor in type.GetConstructors().Where(c => c.GetParameters() is [{ ParameterType: var first }, ..] && first == typeof(string)))
            {
                var id = $"M:{type.FullName}.#ctor({string.Join(",", ctor.GetParameters().Select(p => p.ParameterType.FullName))})";
                Banned.ShouldContain(id);
            }
        }
    }

    [Fact]
    public void Every_environment_variable_reader_is_banned()
    {
        foreach (var method in typeof(Environment).GetMethods().Where(m => m.Name.Contains("EnvironmentVariable", StringComparison.Ordinal)))
        {
            var parameters = method.GetParameters();
            var id = parameters.Length == 0 ? $"M:System.Environment.{method.Name}" : $"M:System.Environment.{method.Name}({string.Join(",", parameters.Select(p => p.ParameterType.FullName))})";
            Banned.ShouldContain(id);
        }
    }

    [Fact]
    public void Core_is_checked_against_the_list()
    {
        var project = File.ReadAllText(Repository.PathOf("src", "Stackplan.Core", "Stackplan.Core.csproj"));

        project.ShouldContain("Microsoft.CodeAnalysis.BannedApiAnalyzers");
        project.ShouldContain("<AdditionalFiles Include=\"BannedSymbols.txt\" />");
    }
}
