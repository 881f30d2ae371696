using System.Text.Json;

namespace Stackplan.Cli.Tests;

/// <summary>The one format registry: -o extension inference, --format validation and help all read it.</summary>
public sealed class OutputFormatTests
{
    private const string Spec = "examples/nist-observability/platform.yaml";

    [Theory]
    [InlineData("report.json", "{")]
    [InlineData("report.md", "# ")]
    [InlineData("REPORT.CSV", "environment,option,id")]
    public void Compare_writes_the_format_its_output_file_names(string file, string start)
    {
        var dir = Directory.CreateTempSubdirectory("stackplan-format").FullName;
        var (exit, _, stderr) = CliRunner.RunIn(dir, "", "compare", Path.Combine(CliRunner.Root, Spec), "-o", file);

        exit.ShouldBe(0, stderr);
        File.ReadAllText(Path.Combine(dir, file)).ShouldStartWith(start);
    }

    [Fact]
    public void The_json_inferred_from_the_extension_is_the_json_asked_for_by_name()
    {
        var dir = Directory.CreateTempSubdirectory("stackplan-format").FullName;
        CliRunner.RunIn(dir, "", "compare", Path.Combine(CliRunner.Root, Spec), "-o", "a.json").Exit.ShouldBe(0);
        CliRunner.RunIn(dir, "", "compare", Path.Combine(CliRunner.Root, Spec), "--format", "json", "-o", "b.txt").Exit.ShouldBe(0);

        File.ReadAllText(Path.Combine(dir, "a.json")).ShouldBe(File.ReadAllText(Path.Combine(dir, "b.txt")));
    }

    [Fact]
    public void Check_infers_sarif_from_a_double_extension()
    {
        var dir = Directory.CreateTempSubdirectory("stackplan-format").FullName;
        var (exit, _, stderr) = CliRunner.RunIn(dir, "", "check", Path.Combine(CliRunner.Root, "examples/hera-prod/platform.yaml"), "--today", "2026-11-21", "-o", "scan.sarif.json");

        exit.ShouldBeOneOf([0, 1], stderr);
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "scan.sarif.json")));
        sarif.RootElement.GetProperty("version").GetString().ShouldBe("2.1.0");
    }

    [Fact]
    public void An_unknown_extension_is_a_usage_error_listing_the_extensions_and_writes_nothing()
    {
        var dir = Directory.CreateTempSubdirectory("stackplan-format").FullName;
        var (exit, _, stderr) = CliRunner.RunIn(dir, "", "compare", Path.Combine(CliRunner.Root, Spec), "-o", "report.xlsx");

        exit.ShouldBe(2);
        stderr.ShouldContain("report.xlsx");
        stderr.ShouldContain(".json (json)");
        stderr.ShouldContain(".md (markdown)");
        Directory.GetFiles(dir).ShouldBeEmpty();
    }

    [Fact]
    public void A_format_a_command_cannot_write_is_refused_with_the_formats_it_can()
    {
        var (exit, _, stderr) = CliRunner.Run("estimate", Spec, "--format", "sarif");

        exit.ShouldBe(2);
        stderr.ShouldContain("--format must be one of table, json, csv, markdown");
    }

    [Theory]
    [InlineData("estimate", "table, json, csv, markdown")]
    [InlineData("check", "table, json, markdown, sarif, junit")]
    [InlineData("sweep", "table, json, csv, markdown")]
    [InlineData("pricebook", "table, json, csv")]
    public void Help_lists_the_formats_the_registry_has_for_the_command(string command, string formats)
    {
        var (exit, stdout, _) = CliRunner.Run(command, "--help");

        exit.ShouldBe(0);
        stdout.ShouldContain($"output format: {formats} (default table");
    }

    [Fact]
    public void Every_registered_format_has_a_distinct_name_and_extensions()
    {
        OutputFormats.All.Select(r => r.Format.Name).ShouldBeUnique();
        OutputFormats.All.SelectMany(r => r.Format.Extensions).ShouldBeUnique();
        OutputFormats.All.ShouldAllBe(r => r.Format.Extensions.All(e => e.StartsWith('.')));
    }

    [Fact]
    public void Compare_with_the_matrix_puts_it_in_the_json_too()
    {
        var (exit, stdout, stderr) = CliRunner.Run("compare", Spec, "--matrix", "--format", "json");

        exit.ShouldBe(0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var matrix = json.RootElement.GetProperty("decisionMatrix");
        var deployments = json.RootElement.GetProperty("deployments").EnumerateArray().Select(d => $"{d.GetProperty("environment").GetString()}/{d.GetProperty("option").GetString()}").ToList();
        matrix.GetProperty("deployments").EnumerateArray().Select(d => d.GetString()).ShouldBe(deployments);
        var cost = matrix.GetProperty("factors").EnumerateArray().First();
        cost.GetProperty("values").EnumerateArray().Select(v => v.GetDecimal())
            .ShouldBe(json.RootElement.GetProperty("deployments").EnumerateArray().Select(d => d.GetProperty("monthly").GetProperty("expected").GetDecimal()));
    }
}
