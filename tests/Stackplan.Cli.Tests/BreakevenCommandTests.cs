using System.Globalization;
using System.Text.Json;

namespace Stackplan.Cli.Tests;

public sealed class BreakevenCommandTests
{
    private const string Spec = "examples/nist-observability/platform.yaml";

    /// <summary>One deployment's estimate, as the JSON a user would read, with a usage override.</summary>
    private static JsonElement Deployment(string env, string option, string usage)
    {
        var (exit, stdout, _) = CliRunner.Run("estimate", Spec, "--env", env, "--option", option, "--usage", usage, "--format", "json");
        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.GetProperty("deployments")[0].Clone();
    }

    private static decimal ComponentCost(string env, string option, string component, string usage) =>
        Deployment(env, option, usage).GetProperty("lineItems").EnumerateArray()
            .Where(l => l.GetProperty("component").GetString() == component && l.GetProperty("monthly").ValueKind == JsonValueKind.Object)
            .Sum(l => l.GetProperty("monthly").GetProperty("expected").GetDecimal());

    private static decimal DeploymentTotal(string env, string option, string usage) =>
        Deployment(env, option, usage).GetProperty("monthly").GetProperty("expected").GetDecimal();

    [Fact]
    public void The_break_even_log_volume_fed_back_with_usage_gives_loki_and_cloudwatch_logs_the_same_cost_within_a_cent()
    {
        var (exit, stdout, _) = CliRunner.Run("breakeven", Spec, "--vary", "logs_gb_per_day", "--between", "loki", "cloudwatch-logs", "--format", "json");

        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(stdout);
        var value = json.RootElement.GetProperty("facts").GetProperty("break_even_1").GetDecimal();
        var usage = "logs_gb_per_day=" + value.ToString(CultureInfo.InvariantCulture);
        var loki = ComponentCost("prod", "self-managed", "loki", usage);
        var cloudwatch = ComponentCost("prod-aws", "aws-managed", "cloudwatch-logs", usage);
        Math.Abs(loki - cloudwatch).ShouldBeLessThanOrEqualTo(0.01m);
    }

    [Fact]
    public void The_break_even_between_two_whole_deployments_fed_back_gives_them_the_same_total_within_a_cent()
    {
        var (exit, stdout, _) = CliRunner.Run("breakeven", Spec, "--vary", "logs_gb_per_day", "--between", "prod/self-managed", "prod-aws/aws-managed", "--format", "json");

        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(stdout);
        var value = json.RootElement.GetProperty("facts").GetProperty("break_even_1").GetDecimal();
        value.ShouldBeInRange(1m, 100m);
        var usage = "logs_gb_per_day=" + value.ToString(CultureInfo.InvariantCulture);
        Math.Abs(DeploymentTotal("prod", "self-managed", usage) - DeploymentTotal("prod-aws", "aws-managed", usage)).ShouldBeLessThanOrEqualTo(0.01m);
    }

    [Fact]
    public void The_markdown_output_draws_the_two_curves_as_a_chart()
    {
        var (exit, stdout, _) = CliRunner.Run("breakeven", Spec, "--vary", "traces_per_month", "--between", "tempo,xray", "--format", "markdown");

        exit.ShouldBe(0);
        stdout.ShouldContain("```mermaid");
        stdout.ShouldContain("xychart-beta");
        stdout.ShouldContain("| traces_per_month |");
    }

    [Fact]
    public void Component_sets_compare_prometheus_and_grafana_with_their_managed_counterparts_as_seed_zero_does()
    {
        var (exit, stdout, _) = CliRunner.Run("breakeven", Spec, "--vary", "active_series", "--between", "prometheus+grafana", "managed-prometheus+managed-grafana", "--format", "json");

        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(stdout);
        json.RootElement.GetProperty("facts").GetProperty("b").GetString()!.ShouldContain("prod/amp-amg");
        var curve = json.RootElement.GetProperty("tables")[0].GetProperty("rows").EnumerateArray().ToList();
        curve.ShouldAllBe(p => p.GetProperty("a_b").GetDecimal() < 0m);
    }

    [Fact]
    public void A_key_only_one_option_reads_leaves_the_other_flat_instead_of_failing()
    {
        var (exit, stdout, stderr) = CliRunner.Run("breakeven", Spec, "--vary", "grafana_editors", "--between", "self-managed", "amp-amg", "--to", "50");

        exit.ShouldBe(0, stderr);
        stdout.ShouldContain("self-managed is cheaper throughout");
    }

    [Theory]
    [InlineData("--vary", "log_gb_per_day", "--between", "loki", "cloudwatch-logs")]
    [InlineData("--vary", "logs_gb_per_day", "--between", "loki", "cloudwatch-logs", "--from", "10", "--to", "5")]
    [InlineData("--vary", "logs_gb_per_day", "--between", "loki", "cloudwatch-logs", "--from", "5", "--to", "5")]
    [InlineData("--vary", "logs_gb_per_day", "--between", "loki")]
    [InlineData("--vary", "logs_gb_per_day", "--between", "loki", "cloudwatch-log")]
    [InlineData("--vary", "logs_gb_per_day", "--between", "loki", "cloudwatch-logs", "--steps", "0")]
    public void Bad_break_even_input_is_refused_with_a_message_and_exit_code_2(params string[] args)
    {
        var (exit, _, stderr) = CliRunner.Run(["breakeven", Spec, .. args]);

        exit.ShouldBe(2);
        stderr.ShouldMatch(@"^error SP2[01]\d\d: ");
        stderr.ShouldNotContain("   at ");
    }
}
