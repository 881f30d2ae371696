using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Analysis;

namespace Stackplan.Core.Tests.Analysis;

public sealed class BreakEvenTests
{
    private static readonly Estimator Estimator = EmbeddedData.Estimator();
    private static readonly PlatformSpec Spec = Examples.Spec("nist-observability");

    private static DeploymentRef At(string env, string option) => new(env, option, Spec.Location);

    private static CostSide Component(string id, DeploymentRef target, string key) =>
        new(id, target.ToString(), ScenarioEvaluator.Create(Estimator.Compile(Spec, target), [key], l => l.Component == id));

    private static decimal ComponentCostWithUsage(string id, DeploymentRef target, string key, decimal value) =>
        Estimator.Estimate(Spec, target, new Dictionary<string, ValueRange> { [key] = ValueRange.Exactly(value) })
            .Lines.Where(l => l.Component == id && l.Monthly is not null).Sum(l => l.Monthly!.Value.Expected);

    [Fact]
    public void Loki_and_cloudwatch_logs_break_even_at_a_log_volume_that_fed_back_as_usage_costs_the_same_within_a_cent()
    {
        var loki = Component("loki", At("prod", "self-managed"), "logs_gb_per_day");
        var cloudwatch = Component("cloudwatch-logs", At("prod-aws", "aws-managed"), "logs_gb_per_day");

        var result = BreakEven.Find("logs_gb_per_day", loki, cloudwatch, 0m, 200m);

        var crossing = result.Crossings.ShouldHaveSingleItem();
        crossing.IsStep.ShouldBeFalse();
        var lokiCost = ComponentCostWithUsage("loki", At("prod", "self-managed"), "logs_gb_per_day", crossing.Value);
        var cloudwatchCost = ComponentCostWithUsage("cloudwatch-logs", At("prod-aws", "aws-managed"), "logs_gb_per_day", crossing.Value);
        Math.Abs(lokiCost - cloudwatchCost).ShouldBeLessThanOrEqualTo(0.01m);
        crossing.CheaperBelow.ShouldBe("cloudwatch-logs");
        crossing.CheaperAbove.ShouldBe("loki");
    }

    [Fact]
    public void Two_options_that_never_cross_in_the_range_say_which_is_cheaper_throughout()
    {
        var self = new CostSide("self-managed", "prod/self-managed", ScenarioEvaluator.Create(Estimator.Compile(Spec, At("prod", "self-managed")), ["logs_gb_per_day"]));
        var aws = new CostSide("aws-managed", "prod/aws-managed", ScenarioEvaluator.Create(Estimator.Compile(Spec, At("prod", "aws-managed")), ["logs_gb_per_day"]));

        var result = BreakEven.Find("logs_gb_per_day", self, aws, 0m, 100m);

        result.Crossings.ShouldBeEmpty();
        result.CheaperThroughout.ShouldBe("self-managed");
    }

    [Fact]
    public void The_curve_matches_the_bill_at_every_reported_point()
    {
        var target = At("prod", "aws-managed");
        var side = new CostSide("aws-managed", target.ToString(), ScenarioEvaluator.Create(Estimator.Compile(Spec, target), ["logs_gb_per_day"]));

        var result = BreakEven.Find("logs_gb_per_day", side, side, 0m, 50m, curveSteps: 5);

        foreach (var point in result.Curve)
        {
            var bill = Estimator.Estimate(Spec, target, new Dictionary<string, ValueRange> { ["logs_gb_per_day"] = ValueRange.Exactly(point.Value) });
            point.CostA.ShouldBe(bill.Monthly.Expected);
        }
    }
}
