using System.Text.Json;

namespace Stackplan.Cli.Tests;

/// <summary>Seed 004's total cost analysis and replacement table, from examples/alphacar-migration.</summary>
public sealed class AlphacarAnalysisTests
{
    private const string Spec = "examples/alphacar-migration/platform.yaml";

    private static List<JsonElement> Rows(string json, int table) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("tables")[table].GetProperty("rows").EnumerateArray()];

    [Fact]
    public void The_tco_reproduces_both_seed_scenarios_with_the_seeds_own_figures()
    {
        var (exit, stdout, _) = CliRunner.Run("tco", Spec, "--scenario", "at-hardware-refresh", "--scenario", "hardware-owned", "--format", "json");

        exit.ShouldBe(0);
        var rows = Rows(stdout, 0);
        var refresh = rows.Single(r => r.GetProperty("scenario").GetString() == "at-hardware-refresh");
        refresh.GetProperty("on_prem_total").GetDecimal().ShouldBe(312_400m);
        refresh.GetProperty("cloud_total").GetDecimal().ShouldBe(100_428m);
        refresh.GetProperty("saving").GetDecimal().ShouldBe(211_972m);
        Math.Round(refresh.GetProperty("saving_ratio").GetDecimal(), 2).ShouldBe(0.68m);
        var owned = rows.Single(r => r.GetProperty("scenario").GetString() == "hardware-owned");
        owned.GetProperty("on_prem_monthly").GetDecimal().ShouldBe(2_400m);
        owned.GetProperty("cloud_monthly").GetDecimal().ShouldBe(1_373m);
        owned.GetProperty("monthly_saving").GetDecimal().ShouldBe(1_027m);
        Math.Round(owned.GetProperty("monthly_saving_ratio").GetDecimal(), 2).ShouldBe(0.43m);
    }

    [Fact]
    public void The_migration_plan_replaces_the_data_stores_and_registry_and_keeps_prometheus_and_grafana_as_the_seed_does()
    {
        var (exit, stdout, _) = CliRunner.Run("migrate", Spec, "--from", "onprem-refresh/keep-oss", "--to", "aws/cloudwatch", "--format", "json");

        exit.ShouldBe(0);
        var steps = Rows(stdout, 0).ToDictionary(r => r.GetProperty("capability").GetString()!);
        foreach (var capability in new[] { "document-database", "search", "registry", "telemetry-agent", "block-storage" })
        {
            steps[capability].GetProperty("decision").GetString().ShouldBe("replace", capability);
            steps[capability].GetProperty("saving").GetDecimal().ShouldBeGreaterThan(0m, capability);
        }

        foreach (var capability in new[] { "metrics", "dashboards", "policy", "backup" })
        {
            steps[capability].GetProperty("decision").GetString().ShouldBe("keep", capability);
        }

        steps["messaging"].GetProperty("decision").GetString().ShouldBe("retire");
        steps["workflow"].GetProperty("decision").GetString().ShouldBe("add");
    }

    [Fact]
    public void The_quick_wins_come_first_and_the_batch_rewrite_waits_for_the_document_store()
    {
        var (_, stdout, _) = CliRunner.Run("migrate", Spec, "--from", "onprem-refresh/keep-oss", "--to", "aws/cloudwatch", "--format", "json");

        var steps = Rows(stdout, 0).ToDictionary(r => r.GetProperty("capability").GetString()!, r => r.GetProperty("phase").GetInt32());
        steps["registry"].ShouldBe(1);
        steps["telemetry-agent"].ShouldBe(1);
        steps["document-database"].ShouldBeGreaterThan(steps["registry"]);
        steps["messaging"].ShouldBeGreaterThanOrEqualTo(steps["document-database"]);
        steps["metrics"].ShouldBe(steps.Values.Max());
    }

    [Fact]
    public void A_conditional_replacement_carries_the_break_even_threshold_that_makes_it_conditional()
    {
        var (exit, stdout, _) = CliRunner.Run("migrate", "examples/nist-observability/platform.yaml", "--env", "prod", "--from", "self-managed", "--to", "aws-managed", "--format", "json");

        exit.ShouldBe(0);
        var tracing = Rows(stdout, 0).Single(r => r.GetProperty("capability").GetString() == "tracing");
        tracing.GetProperty("decision").GetString().ShouldBe("conditional");
        tracing.GetProperty("threshold").GetString()!.ShouldStartWith("traces_per_month = ");
    }

    [Theory]
    [InlineData("--from", "keep-oss")]
    [InlineData("--from", "keep-os", "--to", "cloudwatch")]
    [InlineData("--from", "aws/keep-oss", "--to", "aws/keep-oss")]
    [InlineData("--from", "onprem/keep-oss", "--to", "aws/keep-oss")]
    public void Bad_migrate_options_are_refused_with_exit_code_2(params string[] args)
    {
        var (exit, _, stderr) = CliRunner.Run(["migrate", Spec, .. args]);

        exit.ShouldBe(2);
        stderr.ShouldMatch(@"^error SP2[01]\d\d: ");
    }
}
