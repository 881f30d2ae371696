using System.Text.Json;

namespace Stackplan.Cli.Tests;

public sealed class TcoCommandTests
{
    /// <summary>Seed 004's two scenarios with its own figures; the second takes the cloud run rate from the estimate.</summary>
    private const string Spec = """
        stackplan: 1
        name: tco-test
        usage:
          logs_gb_per_day: 10
        capabilities:
          logs: loki
        environments:
          prod:
            tier: prod
            zones: 1
            cluster: {kind: eks}
            nodeGroups:
              - {name: general, instanceType: t3a.medium, count: 2}
        options:
          self-managed: {}
          aws-managed:
            capabilities:
              logs: cloudwatch-logs
        analysis:
          tco:
            at-hardware-refresh:
              years: 3
              onPrem: {hardware: 100000, refreshYears: 3, operationsPerMonth: 4900, staffPerMonth: 1000}
              cloud: {migration: 15000, runRatePerMonth: 1873, staffPerMonth: 500}
            hardware-owned:
              years: 3
              growthPerYear: 0.1
              onPrem: {hardware: 100000, refreshYears: 3, hardwareOwned: true, operationsPerMonth: 1400, staffPerMonth: 1000}
              cloud: {migration: 15000, runRate: {environment: prod, option: aws-managed}, staffPerMonth: 250}
        """;

    private static JsonElement Summary(string json, string scenario) =>
        JsonDocument.Parse(json).RootElement.GetProperty("tables")[0].GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("scenario").GetString() == scenario);

    [Fact]
    public void Seed_four_scenario_one_adds_up_to_its_312400_against_100428_and_pays_back_in_the_first_month()
    {
        var (exit, stdout, _) = CliRunner.RunIn(CliRunner.Root, Spec, "tco", "-", "--format", "json");

        exit.ShouldBe(0);
        var row = Summary(stdout, "at-hardware-refresh");
        row.GetProperty("on_prem_total").GetDecimal().ShouldBe(312_400m);
        row.GetProperty("cloud_total").GetDecimal().ShouldBe(100_428m);
        row.GetProperty("saving").GetDecimal().ShouldBe(211_972m);
        row.GetProperty("payback_month").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void The_cloud_run_rate_named_by_deployment_is_that_deployments_estimate_and_grows_each_year()
    {
        var (_, estimate, _) = CliRunner.RunIn(CliRunner.Root, Spec, "estimate", "-", "--env", "prod", "--option", "aws-managed", "--format", "json");
        var (exit, stdout, _) = CliRunner.RunIn(CliRunner.Root, Spec, "tco", "-", "--scenario", "hardware-owned", "--format", "json");

        exit.ShouldBe(0);
        var monthly = JsonDocument.Parse(estimate).RootElement.GetProperty("deployments")[0].GetProperty("monthly").GetProperty("expected").GetDecimal();
        Summary(stdout, "hardware-owned").GetProperty("cloud_monthly").GetDecimal().ShouldBe(monthly + 250m);
        var years = JsonDocument.Parse(stdout).RootElement.GetProperty("tables")[2].GetProperty("rows").EnumerateArray().ToList();
        years[1].GetProperty("cloud_that_year").GetDecimal().ShouldBeGreaterThan(years[0].GetProperty("cloud_that_year").GetDecimal() - 15_000m);
        years[0].GetProperty("on_prem_that_year").GetDecimal().ShouldBe(12 * 2_400m);
    }

    [Fact]
    public void A_misspelt_tco_key_is_refused_with_its_location_and_a_suggestion()
    {
        var (exit, _, stderr) = CliRunner.RunIn(CliRunner.Root, Spec.Replace("refreshYears: 3, operationsPerMonth", "refreshYear: 3, operationsPerMonth", StringComparison.Ordinal), "tco", "-");

        exit.ShouldBe(2);
        stderr.ShouldContain("<stdin>:23:34:");
        stderr.ShouldContain("unknown key 'refreshYear'");
        stderr.ShouldContain("refreshYears");
    }

    [Fact]
    public void A_run_rate_naming_an_unknown_environment_is_refused_with_a_suggestion()
    {
        var (exit, _, stderr) = CliRunner.RunIn(CliRunner.Root, Spec.Replace("runRate: {environment: prod,", "runRate: {environment: prd,", StringComparison.Ordinal), "tco", "-");

        exit.ShouldBe(2);
        stderr.ShouldContain("environment 'prd'");
        stderr.ShouldContain("prod");
    }

    [Theory]
    [InlineData("--years", "0")]
    [InlineData("--scenario", "at-refresh")]
    public void Bad_tco_options_are_refused_with_exit_code_2(params string[] args)
    {
        var (exit, _, stderr) = CliRunner.RunIn(CliRunner.Root, Spec, ["tco", "-", .. args]);

        exit.ShouldBe(2);
        stderr.ShouldMatch(@"^error SP2[01]\d\d: ");
    }

    [Fact]
    public void A_spec_without_tco_scenarios_is_told_how_to_add_them()
    {
        var (exit, _, stderr) = CliRunner.Run("tco", "examples/nist-observability/platform.yaml");

        exit.ShouldBe(2);
        stderr.ShouldContain("analysis.tco");
    }
}
