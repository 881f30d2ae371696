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

    private static JsonElement Group(string json, string deployment, string group) =>
        JsonDocument.Parse(json).RootElement.GetProperty("groups").EnumerateArray()
            .Single(g => g.GetProperty("deployment").GetString() == deployment && g.GetProperty("group").GetString() == group);

    [Fact]
    public void An_aks_system_pool_is_never_proposed_a_b_series_or_a_size_below_2_vcpu_and_4_gb()
    {
        // It proposed Standard_B1ls (1 vCPU, 0.5 GiB): AKS refuses both for a system pool.
        var (exit, stdout, _) = CliRunner.Run("size", HeraSpec, "--env", "prod-azure", "--format", "json");
        exit.ShouldBe(0);
        var system = Group(stdout, "prod-azure/managed-k8s", "system");
        var proposed = system.GetProperty("proposed").GetProperty("instanceType").GetString()!;
        proposed.ShouldNotStartWith("Standard_B");
        var row = File.ReadLines(Path.Combine(CliRunner.Root, "data", "instance-types-azure.csv")).Single(l => l.StartsWith(proposed + ",", StringComparison.Ordinal)).Split(',');
        decimal.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(2m, proposed);
        decimal.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(4096m, proposed);
        system.GetProperty("note").GetString()!.ShouldContain("AKS system node pools");
    }

    [Fact]
    public void A_gke_pool_is_never_proposed_f1_micro()
    {
        var (exit, stdout, _) = CliRunner.Run("size", HeraSpec, "--env", "prod-gcp", "--format", "json");
        exit.ShouldBe(0);
        Group(stdout, "prod-gcp/managed-k8s", "system").GetProperty("proposed").GetProperty("instanceType").GetString().ShouldNotBe("f1-micro");
    }

    [Fact]
    public void Candidates_are_ranked_with_the_spec_prices_the_estimate_uses()
    {
        // A negotiated rate makes m5.2xlarge the cheapest type that holds the pods; the books alone never shortlist it.
        var spec = File.ReadAllText(Path.Combine(CliRunner.Root, "examples", "nist-observability", "platform.yaml"))
            + "\nprices:\n  - {key: ec2/instance/m5.2xlarge, unit: hour, usd: 0.001, source: a negotiated rate for the test}\n";
        File.WriteAllText(Path.Combine(_dir, "spec.yaml"), spec);
        var (exit, stdout, _) = CliRunner.RunIn(_dir, "", "size", "spec.yaml", "--env", "prod", "--option", "self-managed", "--format", "json");
        exit.ShouldBe(0);
        var groups = JsonDocument.Parse(stdout).RootElement.GetProperty("groups").EnumerateArray().Where(g => g.GetProperty("changes").GetBoolean()).ToList();
        groups.ShouldNotBeEmpty();
        groups.ShouldAllBe(g => g.GetProperty("proposed").GetProperty("instanceType").GetString() == "m5.2xlarge");
    }
}
