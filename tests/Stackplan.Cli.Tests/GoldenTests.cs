using System.Text;

namespace Stackplan.Cli.Tests;

/// <summary>
/// Golden files: each example's expected `compare` outputs, committed under
/// examples/&lt;name&gt;/expected/. The test regenerates them in-process, from the repository root
/// with the spec path relative to it (so no absolute path reaches the output), and compares
/// byte for byte.
///
/// To re-baseline after an intended change (a new price, a catalog edit), run once:
///
///     STACKPLAN_UPDATE_GOLDEN=1 dotnet test tests/Stackplan.Cli.Tests --filter GoldenTests
///
/// then review the diff of examples/*/expected/ with git before committing it.
/// </summary>
public sealed class GoldenTests
{
    private const string UpdateVariable = "STACKPLAN_UPDATE_GOLDEN";

    public static readonly string[] ExampleNames =
        ["alphacar-migration", "hera-prod", "mlops-eks", "nist-observability", "omc-ecs-vs-eks", "three-clouds"];

    /// <summary>Each golden file: the command and format that write it.</summary>
    private static readonly (string Command, string Format, string FileName)[] Outputs =
        [("compare", "json", "compare.json"), ("compare", "markdown", "compare.md"), ("report", "markdown", "report.md"), ("report", "html", "report.html")];

    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var example in ExampleNames)
        {
            foreach (var (command, format, fileName) in Outputs)
            {
                data.Add(example, command, format, fileName);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_example_renders_exactly_as_its_golden_file_says(string example, string command, string format, string fileName)
    {
        var (exit, actual, stderr) = CliRunner.Run(command, $"examples/{example}/platform.yaml", "--format", format);
        exit.ShouldBe(0, stderr);

        var path = Path.Combine(CliRunner.Root, "examples", example, "expected", fileName);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        File.Exists(path).ShouldBeTrue($"{path} is missing: run '{UpdateVariable}=1 dotnet test tests/Stackplan.Cli.Tests --filter GoldenTests' to create it");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            throw new ShouldAssertException(Difference($"examples/{example}/expected/{fileName}", expected, actual));
        }
    }

    [Fact]
    public void Every_example_folder_has_golden_files()
    {
        var folders = Directory.GetDirectories(Path.Combine(CliRunner.Root, "examples"))
            .Where(d => File.Exists(Path.Combine(d, "platform.yaml")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);

        folders.ShouldBe(ExampleNames, ignoreOrder: false, customMessage: "add the new example to GoldenTests.ExampleNames");
    }

    [Theory]
    [InlineData("compare", "json")]
    [InlineData("report", "markdown")]
    [InlineData("report", "html")]
    public void Running_twice_gives_the_same_bytes(string command, string format)
    {
        foreach (var example in ExampleNames)
        {
            var first = CliRunner.Run(command, $"examples/{example}/platform.yaml", "--format", format).Out;
            var second = CliRunner.Run(command, $"examples/{example}/platform.yaml", "--format", format).Out;
            second.ShouldBe(first, example);
        }
    }

    /// <summary>Names the first line that differs, with both versions, and how to re-baseline.</summary>
    private static string Difference(string file, string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        var line = 0;
        while (line < want.Length && line < got.Length && want[line] == got[line])
        {
            line++;
        }

        string At(string[] lines) => line < lines.Length ? lines[line] : "<end of output>";
        return $"""
            {file} differs from the output, first at line {line + 1}:
              expected: {At(want)}
              actual:   {At(got)}
            ({want.Length} lines expected, {got.Length} produced.) If the change is intended, re-baseline with
              {UpdateVariable}=1 dotnet test tests/Stackplan.Cli.Tests --filter GoldenTests
            and review 'git diff examples/*/expected'.
            """;
    }
}
