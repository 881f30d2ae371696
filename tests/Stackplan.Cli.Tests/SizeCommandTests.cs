using System.Text.Json;

namespace Stackplan.Cli.Tests;

/// <summary>stackplan size end to end: what it proposes for hera-prod is what compare prices once the written spec is used.</summary>
public sealed class SizeCommandTests : IDisposable
{
    private const string HeraSpec = "examples/hera-prod/platform.yaml";

    private readonly string _dir = Directory.CreateTempSubdirectory("stackplan-size-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Dictionary<string, decimal> ExpectedTotals(string compareJson) =>
        JsonDocument.Parse(compareJson).RootElement.GetProperty("deployments").EnumerateArray().ToDictionary(
            d => $"{d.GetProperty("environment").GetString()}/{d.GetProperty("option").GetString()}",
            d => d.GetProperty("monthly").GetProperty("expected").GetDecimal());

    [Fact]
    public void Hera_prod_gets_a_cheaper_fitting_node_type_and_compare_on_the_written_spec_shows_that_saving()
    {
        var sized = Path.Combine(_dir, "sized.yaml");
        var (exit, stdout, _) = CliRunner.Run("size", HeraSpec, "--format", "json", "--write-spec", sized);

        exit.ShouldBe(0);
        var root = JsonDocument.Parse(stdout).RootElement;
        var prod = root.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("deployment").GetString() == "prod/managed-k8s" && g.GetProperty("group").GetString() == "system");
        prod.GetProperty("changes").GetBoolean().ShouldBeTrue();
        prod.GetProperty("proposed").GetProperty("instanceType").GetString().ShouldNotBe("m5.large");
        prod.GetProperty("monthlySaving").GetDecimal().ShouldBeGreaterThan(0m);

        var before = ExpectedTotals(CliRunner.Run("compare", HeraSpec, "--format", "json").Out);
        var after = ExpectedTotals(CliRunner.Run("compare", sized, "--format", "json").Out);
        foreach (var d in root.GetProperty("deployments").EnumerateArray())
        {
            var name = d.GetProperty("deployment").GetString()!;
            before[name].ShouldBe(d.GetProperty("declaredMonthly").GetDecimal(), name);
            after[name].ShouldBe(d.GetProperty("proposedMonthly").GetDecimal(), name);
            (before[name] - after[name]).ShouldBe(d.GetProperty("monthlySaving").GetDecimal(), name);
        }

        after["prod/managed-k8s"].ShouldBeLessThan(before["prod/managed-k8s"]);
        var azure = root.GetProperty("deployments").EnumerateArray().Single(d => d.GetProperty("deployment").GetString() == "prod-azure/managed-k8s");
        azure.GetProperty("linesWithoutPrice").GetInt32().ShouldBe(2, "Azure's log ingestion and premium-ssd-v2 volumes have no price: left out of both totals, and said so");
    }

    [Fact]
    public void The_written_spec_differs_from_the_original_only_in_node_group_lines_and_keeps_its_comments()
    {
        var sized = Path.Combine(_dir, "sized.yaml");
        CliRunner.Run("size", HeraSpec, "--write-spec", sized).Exit.ShouldBe(0);

        var original = File.ReadAllLines(Path.Combine(CliRunner.Root, HeraSpec));
        var written = File.ReadAllLines(sized);
        written.Length.ShouldBe(original.Length);
        var changed = original.Zip(written).Where(p => p.First != p.Second).ToList();
        changed.ShouldNotBeEmpty();
        changed.ShouldAllBe(p => p.First.Contains("instanceType:") && p.Second.Contains("instanceType:"));
        written.Where(l => l.TrimStart().StartsWith('#')).ShouldBe(original.Where(l => l.TrimStart().StartsWith('#')));
    }

    [Fact]
    public void The_table_names_the_saving_and_the_help_lists_the_command()
    {
        var (exit, stdout, _) = CliRunner.Run("size", HeraSpec, "--env", "prod");

        exit.ShouldBe(0);
        stdout.ShouldContain("saving");
        stdout.ShouldContain("prod/managed-k8s");
        CliRunner.Run("--help").Out.ShouldContain("size");
    }

    [Fact]
    public void Writing_over_the_spec_it_reads_is_refused()
    {
        var copy = Path.Combine(_dir, "platform.yaml");
        File.Copy(Path.Combine(CliRunner.Root, HeraSpec), copy);

        var (exit, _, stderr) = CliRunner.Run("size", copy, "--write-spec", copy);

        exit.ShouldBe(2);
        stderr.ShouldContain("SP6102");
    }
}
