using Stackplan.Core.Analysis;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Tests.Analysis;

/// <summary>TCO growth goes through the sizing step: each year's cloud figure is compare --usage at that year's usage.</summary>
public sealed class TcoGrowthTests
{
    private static readonly Estimator Estimator = EmbeddedData.Estimator();

    // Loki in auto mode on an autoscaling group: its pods, and so its nodes, follow the log volume in steps.
    private const string Yaml = """
        stackplan: 1
        name: tco-growth
        region: us-east-1
        usage:
          logs_gb_per_day: {low: 20, expected: 40, high: 80}
        capabilities:
          logs: {component: loki, mode: auto}
        environments:
          prod:
            zones: 2
            natGateways: single
            cluster: {kind: eks}
            nodeGroups:
              - {name: general, instanceType: m5.xlarge, min: 2, max: 200}
            retention: {logsDays: 14}
        options:
          self-managed: {}
        analysis:
          tco:
            growing:
              years: 4
              growthPerYear: 1.5
              onPrem: {hardware: 100000, refreshYears: 5, operationsPerMonth: 1000, staffPerMonth: 0}
              cloud: {migration: 0, runRate: {environment: prod, option: self-managed}, staffPerMonth: 0}
        """;

    private static readonly PlatformSpec Spec = SpecReader.Read(Yaml, "tco-growth.yaml");

    private static readonly DeploymentRef Prod = new("prod", "self-managed", Spec.Location);

    private static decimal CompareAt(decimal logsGbPerDay) =>
        Estimator.Estimate(Spec, Prod, new Dictionary<string, ValueRange> { ["logs_gb_per_day"] = ValueRange.Exactly(logsGbPerDay) }).Monthly.Expected;

    [Fact]
    public void Each_years_cloud_figure_is_twelve_months_of_compare_at_that_years_usage()
    {
        var result = Tco.Compute(Spec.Analysis.Tco.Single(), Estimator, Spec, null);

        for (var year = 0; year < 4; year++)
        {
            var logs = 40m * (year switch { 0 => 1m, 1 => 2.5m, 2 => 6.25m, _ => 15.625m });
            result.ByYear[year].Cloud.ShouldBe(12 * CompareAt(logs), $"year {year + 1} at {logs} GB/day");
        }
    }

    [Fact]
    public void Re_sizing_makes_a_difference_here_so_the_test_above_can_tell()
    {
        // Scaling year 1's bill by the growth rate, as a flat multiplier would, is not year 4's estimate.
        (CompareAt(40m * 15.625m) - (CompareAt(40m) * 15.625m)).ShouldNotBe(0m);
    }

    [Fact]
    public void A_usage_override_from_the_command_line_is_what_grows()
    {
        var overrides = new Dictionary<string, ValueRange> { ["logs_gb_per_day"] = ValueRange.Exactly(100m) };

        var result = Tco.Compute(Spec.Analysis.Tco.Single(), Estimator, Spec, overrides);

        result.ByYear[1].Cloud.ShouldBe(12 * CompareAt(250m));
    }
}
