using System.Text;
using System.Text.Json;

namespace Stackplan.Cli.Tests;

/// <summary>
/// Terraform plans on the command line: examples/terraform-eks's golden outputs (re-baselined like
/// every golden file, with STACKPLAN_UPDATE_GOLDEN=1), import, diff and its CI gate, bad plans.
/// </summary>
public sealed class TerraformInputTests
{
    private const string Example = "examples/terraform-eks";

    private const string K8sExample = "examples/k8s-workloads";

    public static TheoryData<string, string, string[]> Goldens() => new()
    {
        { Example, "estimate.json", ["estimate", $"{Example}/plan.json", "--usage-file", $"{Example}/usage.yml", "--format", "json"] },
        { Example, "estimate.csv", ["estimate", $"{Example}/plan.json", "--usage-file", $"{Example}/usage.yml", "--format", "csv"] },
        { Example, "diff.md", ["diff", $"{Example}/plan.json", "--usage-file", $"{Example}/usage.yml", "--format", "markdown"] },
        { Example, "diff.txt", ["diff", $"{Example}/state-before.json", $"{Example}/plan.json", "--usage-file", $"{Example}/usage.yml"] },
        { Example, "platform.yaml", ["import", "terraform", $"{Example}/plan.json", "--usage-file", $"{Example}/usage.yml"] },
        { K8sExample, "estimate.json", ["estimate", $"{K8sExample}/cluster.yaml", "--workloads", $"{K8sExample}/manifests", "--format", "json"] },
        { K8sExample, "estimate.md", ["estimate", $"{K8sExample}/cluster.yaml", "--workloads", $"{K8sExample}/manifests", "--format", "markdown"] },
    };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void The_input_examples_give_their_golden_output(string example, string fileName, string[] args)
    {
        var (exit, actual, stderr) = CliRunner.Run(args);
        exit.ShouldBe(0, stderr);
        var path = Path.Combine(CliRunner.Root, example, "expected", fileName);
        if (Environment.GetEnvironmentVariable("STACKPLAN_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        File.Exists(path).ShouldBeTrue($"{path} is missing: run 'STACKPLAN_UPDATE_GOLDEN=1 dotnet test tests/Stackplan.Cli.Tests --filter TerraformInputTests'");
        actual.ShouldBe(File.ReadAllText(path), $"{example}/expected/{fileName} differs; if intended, re-baseline with STACKPLAN_UPDATE_GOLDEN=1");
    }

    [Fact]
    public void Every_line_from_a_resource_carries_its_address_in_json_and_csv()
    {
        var json = CliRunner.Run("estimate", $"{Example}/plan.json", "--usage-file", $"{Example}/usage.yml", "--format", "json").Out;
        using var document = JsonDocument.Parse(json);
        var lines = document.RootElement.GetProperty("deployments")[0].GetProperty("lineItems").EnumerateArray().ToList();
        var fromNodeGroup = lines.Where(l => l.TryGetProperty("address", out var a) && a.GetString() == "module.eks.module.eks_managed_node_group[\"general\"].aws_eks_node_group.this[0]").ToList();
        fromNodeGroup.Count.ShouldBe(2);

        var csv = CliRunner.Run("estimate", $"{Example}/plan.json", "--format", "csv").Out.Split('\n');
        csv[0].ShouldEndWith(",resource");
        csv.ShouldContain(l => l.EndsWith(",aws_db_instance.mlflow", StringComparison.Ordinal));
    }

    [Fact]
    public void The_imported_spec_prices_exactly_as_the_plan()
    {
        var dir = Directory.CreateTempSubdirectory("stackplan-import-");
        try
        {
            var spec = Path.Combine(dir.FullName, "platform.yaml");
            var (exit, _, err) = CliRunner.Run("import", "terraform", $"{Example}/plan.json", "--usage-file", $"{Example}/usage.yml", "-o", spec);
            exit.ShouldBe(0, err);
            var fromPlan = Totals(CliRunner.Run("estimate", $"{Example}/plan.json", "--usage-file", $"{Example}/usage.yml", "--format", "json").Out);
            var fromSpec = Totals(CliRunner.Run("estimate", spec, "--format", "json").Out);
            fromSpec.ShouldBe(fromPlan);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Diff_of_two_plans_that_change_an_instance_type_prints_the_delta_and_gates_on_a_threshold()
    {
        var dir = Directory.CreateTempSubdirectory("stackplan-diff-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "before.json"), Plan("m5.large"));
            File.WriteAllText(Path.Combine(dir.FullName, "after.json"), Plan("m5.xlarge"));

            // us-east-1: m5.large $0.096/h, m5.xlarge $0.192/h: 730 h x $0.096 = +$70.08 a month.
            var table = CliRunner.RunIn(dir.FullName, "", "diff", "before.json", "after.json");
            table.Exit.ShouldBe(0, table.Err);
            table.Out.ShouldContain("aws_instance.app");
            table.Out.ShouldContain("+$70.08");

            var markdown = CliRunner.RunIn(dir.FullName, "", "diff", "before.json", "after.json", "--format", "markdown");
            markdown.Out.ShouldContain("Monthly cost changes by **+$70.08**");
            markdown.Out.ShouldContain("| ~ | `aws_instance.app` |");

            CliRunner.RunIn(dir.FullName, "", "diff", "before.json", "after.json", "--fail-above", "50").Exit.ShouldBe(1);
            CliRunner.RunIn(dir.FullName, "", "diff", "before.json", "after.json", "--fail-above", "100").Exit.ShouldBe(0);
            CliRunner.RunIn(dir.FullName, "", "diff", "before.json", "after.json", "--fail-above", "50%").Exit.ShouldBe(1); // 70.08 / 70.88 = +98.9%
            CliRunner.RunIn(dir.FullName, "", "diff", "after.json", "before.json", "--fail-above", "0").Exit.ShouldBe(0); // a decrease never fails
            CliRunner.RunIn(dir.FullName, "", "diff", "before.json", "after.json", "--fail-above", "lots").Exit.ShouldBe(2);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Diff_reads_a_saved_json_estimate_as_its_before_side()
    {
        var dir = Directory.CreateTempSubdirectory("stackplan-saved-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "before.json"), Plan("m5.large"));
            File.WriteAllText(Path.Combine(dir.FullName, "after.json"), Plan("m5.2xlarge"));
            CliRunner.RunIn(dir.FullName, "", "estimate", "before.json", "--format", "json", "-o", "saved.json").Exit.ShouldBe(0);
            var json = CliRunner.RunIn(dir.FullName, "", "diff", "saved.json", "after.json", "--format", "json");
            json.Exit.ShouldBe(0, json.Err);
            using var document = JsonDocument.Parse(json.Out);

            // m5.2xlarge $0.384/h: 730 x ($0.384 - $0.096) = +$210.24.
            document.RootElement.GetProperty("monthlyDelta").GetDecimal().ShouldBe(210.24m);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Manifest_workloads_join_the_specs_pods_with_a_warning_for_a_container_without_requests()
    {
        var without = CliRunner.Run("estimate", $"{K8sExample}/cluster.yaml", "--format", "json");
        var with = CliRunner.Run("estimate", $"{K8sExample}/cluster.yaml", "--workloads", $"{K8sExample}/manifests", "--format", "json");
        with.Exit.ShouldBe(0, with.Err);
        int Pods(string json) => JsonDocument.Parse(json).RootElement.GetProperty("deployments")[0].GetProperty("pods").GetInt32();

        // checkout 2 (its autoscaler's minimum), cache 3, nightly-report 2 in parallel, blackbox 1, node-exporter 1 per node.
        (Pods(with.Out) - Pods(without.Out)).ShouldBeGreaterThanOrEqualTo(10);
        with.Err.ShouldContain("SP2022");
        with.Err.ShouldContain("'blackbox'");
    }

    [Fact]
    public void A_malformed_manifest_is_refused_with_its_location_and_exit_2()
    {
        var dir = Directory.CreateTempSubdirectory("stackplan-k8s-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "app.yaml"), "kind: Deployment\nmetadata: {name: web, labels: [a}\n");
            var (exit, _, err) = CliRunner.RunIn(dir.FullName, "", "estimate", Path.Combine(CliRunner.Root, K8sExample, "cluster.yaml"), "--workloads", "app.yaml");
            exit.ShouldBe(2);
            err.ShouldContain("app.yaml:");
            err.ShouldContain("SP2001");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_malformed_plan_is_refused_with_its_location_and_exit_2()
    {
        var dir = Directory.CreateTempSubdirectory("stackplan-bad-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "plan.json"), "{\"format_version\": \"1.2\",\n  \"planned_values\": {\"root_module\": [}\n}");
            var (exit, _, err) = CliRunner.RunIn(dir.FullName, "", "estimate", "plan.json");
            exit.ShouldBe(2);
            err.ShouldContain("plan.json:2:");
            err.ShouldContain("SP2020");
            err.ShouldNotContain("   at ");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static Dictionary<string, decimal?> Totals(string estimateJson)
    {
        using var document = JsonDocument.Parse(estimateJson);
        return document.RootElement.GetProperty("deployments")[0].GetProperty("lineItems").EnumerateArray()
            .ToDictionary(l => l.GetProperty("id").GetString()!, l => l.GetProperty("monthly").ValueKind == JsonValueKind.Object ? l.GetProperty("monthly").GetProperty("expected").GetDecimal() : (decimal?)null);
    }

    private static string Plan(string instanceType) => """
        {"format_version":"1.2","planned_values":{"root_module":{"resources":[
          {"address":"aws_instance.app","mode":"managed","type":"aws_instance","name":"app","values":{"instance_type":"TYPE"}}]}},
         "configuration":{"provider_config":{"aws":{"name":"aws","expressions":{"region":{"constant_value":"us-east-1"}}}}}}
        """.Replace("TYPE", instanceType, StringComparison.Ordinal);
}
