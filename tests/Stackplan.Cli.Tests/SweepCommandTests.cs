using System.Text.Json;

namespace Stackplan.Cli.Tests;

public sealed class SweepCommandTests
{
    private const string Spec = "examples/nist-observability/platform.yaml";

    [Fact]
    public void A_sweep_point_costs_what_estimate_says_with_that_usage()
    {
        var (exit, csv, _) = CliRunner.Run("sweep", Spec, "--env", "prod-aws", "--option", "aws-managed", "--vary", "logs_gb_per_day=0..40:4", "--format", "csv");
        var (_, estimate, _) = CliRunner.Run("estimate", Spec, "--env", "prod-aws", "--option", "aws-managed", "--usage", "logs_gb_per_day=30", "--format", "json");

        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(estimate);
        var expected = json.RootElement.GetProperty("deployments")[0].GetProperty("monthly").GetProperty("expected").GetDecimal();
        csv.Split('\n').ShouldContain($"30,{expected:0.00}");
    }

    [Fact]
    public void Two_keys_make_a_grid_of_every_combination()
    {
        var (exit, csv, _) = CliRunner.Run("sweep", Spec, "--vary", "logs_gb_per_day=0..10:2", "--vary", "traces_per_month=0..1000000:3", "--format", "csv");

        exit.ShouldBe(0);
        csv.Trim().Split('\n').Length.ShouldBe(1 + (3 * 4));
    }

    [Fact]
    public void Monte_carlo_with_the_same_seed_gives_the_same_percentiles_and_another_seed_other_ones()
    {
        var first = CliRunner.Run("sweep", Spec, "--samples", "20000", "--seed", "7", "--format", "json").Out;
        var again = CliRunner.Run("sweep", Spec, "--samples", "20000", "--seed", "7", "--format", "json").Out;
        var other = CliRunner.Run("sweep", Spec, "--samples", "20000", "--seed", "8", "--format", "json").Out;

        again.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    [Fact]
    public void Monte_carlo_percentiles_are_ordered_and_inside_the_low_and_high_estimates()
    {
        var (exit, stdout, _) = CliRunner.Run("sweep", Spec, "--samples", "50000", "--format", "json");
        var (_, estimate, _) = CliRunner.Run("estimate", Spec, "--format", "json");

        exit.ShouldBe(0);
        using var mc = JsonDocument.Parse(stdout);
        using var bills = JsonDocument.Parse(estimate);
        var rows = mc.RootElement.GetProperty("tables")[0].GetProperty("rows").EnumerateArray().ToList();
        var deployments = bills.RootElement.GetProperty("deployments").EnumerateArray().ToList();
        rows.Count.ShouldBe(deployments.Count);
        foreach (var (row, bill) in rows.Zip(deployments))
        {
            var (p10, p50, p90) = (row.GetProperty("p10").GetDecimal(), row.GetProperty("p50").GetDecimal(), row.GetProperty("p90").GetDecimal());
            p10.ShouldBeLessThanOrEqualTo(p50);
            p50.ShouldBeLessThanOrEqualTo(p90);
            p10.ShouldBeGreaterThanOrEqualTo(bill.GetProperty("monthly").GetProperty("low").GetDecimal());
            p90.ShouldBeLessThanOrEqualTo(bill.GetProperty("monthly").GetProperty("high").GetDecimal());
        }
    }

    [Theory]
    [InlineData("--vary", "log_gb_per_day=0..10")]
    [InlineData("--vary", "logs_gb_per_day=10..0")]
    [InlineData("--vary", "logs_gb_per_day=5..5")]
    [InlineData("--vary", "logs_gb_per_day=0..10:0")]
    [InlineData("--vary", "logs_gb_per_day=0..ten")]
    [InlineData("--samples", "10000001")]
    [InlineData("--samples", "0")]
    [InlineData("--samples", "10", "--seed", "-1")]
    [InlineData("--samples", "10", "--vary", "logs_gb_per_day=0..10")]
    public void Bad_sweep_input_is_refused_with_a_message_and_exit_code_2(params string[] args)
    {
        var (exit, _, stderr) = CliRunner.Run(["sweep", Spec, .. args]);

        exit.ShouldBe(2);
        stderr.ShouldMatch(@"^error SP2[01]\d\d: ");
        stderr.ShouldNotContain("   at ");
    }
}
