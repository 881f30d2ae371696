using FsCheck;
using FsCheck.Fluent;
using Stackplan.Core.Analysis;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Tests.Sizing;

/// <summary>
/// For any usage, what an analysis reports at a value is what <c>compare --usage</c> gives at that
/// value: sweeps and Monte Carlo (the specialised evaluator), break-even sides (whole deployments,
/// and components with their re-sized share of the nodes), all re-size the pods first.
/// </summary>
public sealed class ResizingPropertyTests
{
    private static readonly Estimator Estimator = EmbeddedData.Estimator();

    // Usage-driven pods (Loki in auto mode, Prometheus by series, a service that autoscales) on an
    // autoscaling group, beside a managed option whose bill does not re-size.
    private const string Yaml = """
        stackplan: 1
        name: resizing
        region: us-east-1
        usage:
          logs_gb_per_day: {low: 5, expected: 50, high: 400}
          active_series: {low: 50000, expected: 200000, high: 2000000}
        workloads:
          services:
            - {name: api, min: 2, replicas: 3, max: 12, cpu: 500m, memory: 1Gi}
        capabilities:
          logs: {component: loki, mode: auto}
          metrics: {component: prometheus, mode: ha}
          log-collection: promtail
        environments:
          prod:
            zones: 2
            natGateways: single
            cluster: {kind: eks}
            nodeGroups:
              - {name: general, instanceType: m5.xlarge, min: 2, max: 200}
            retention: {logsDays: 14, metricsDays: 15}
        options:
          self-managed: {}
          managed:
            capabilities:
              logs: cloudwatch-logs
        compare:
          - {environment: prod, option: self-managed}
          - {environment: prod, option: managed}
        """;

    private static readonly PlatformSpec Spec = SpecReader.Read(Yaml, "resizing.yaml");

    private static DeploymentRef Target(string option) => new("prod", option, Spec.Location);

    private static Bill CompareWith(string option, decimal logs, decimal series) =>
        Estimator.Estimate(Spec, Target(option), new Dictionary<string, ValueRange>
        {
            ["logs_gb_per_day"] = ValueRange.Exactly(logs),
            ["active_series"] = ValueRange.Exactly(series),
        });

    private static readonly Arbitrary<(int Logs, int Series)> Usage =
        Gen.Choose(0, 60_000).SelectMany(logs => Gen.Choose(0, 5_000_000).Select(series => (logs, series))).ToArbitrary();

    [Fact]
    public void A_sweep_point_and_a_sampled_scenario_equal_compare_with_that_usage()
    {
        var models = new[] { "self-managed", "managed" }.Select(o => Estimator.Compile(Spec, Target(o))).ToList();
        var evaluators = models.Select(m => ScenarioEvaluator.Create(m, ["logs_gb_per_day", "active_series"])).ToList();

        Prop.ForAll(Usage, usage =>
        {
            var (logs, series) = ((decimal)usage.Logs, (decimal)usage.Series);
            var swept = Sweep.Grid(models, [new SweepAxis("logs_gb_per_day", logs, logs, 1), new SweepAxis("active_series", series, series, 1)]).Points[0].Totals;
            for (var i = 0; i < models.Count; i++)
            {
                var compare = CompareWith(models[i].Deployment.Ref.Option, logs, series).Monthly.Expected;
                if (swept[i] != compare || evaluators[i].EvaluateExact([logs, series]) != compare)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_break_even_component_side_with_its_nodes_equals_its_lines_and_share_under_compare_with_that_usage()
    {
        var model = Estimator.Compile(Spec, Target("self-managed"));
        var side = new CostSide("loki", model.Deployment.Name, ScenarioEvaluator.Create(model, ["logs_gb_per_day"], l => l.Component == "loki"), new NodeShare(model, ["loki"], "logs_gb_per_day"));
        var series = model.Deployment.Usage.Single(u => u.Key == "active_series").Value.Expected;

        Prop.ForAll(Gen.Choose(0, 60_000).ToArbitrary(), logs =>
        {
            var direct = Estimator.Compile(Spec, Target("self-managed"), new Dictionary<string, ValueRange> { ["logs_gb_per_day"] = ValueRange.Exactly(logs), ["active_series"] = ValueRange.Exactly(series) });
            var own = direct.ToBill().Lines.Where(l => l.Component == "loki" && l.Monthly is not null).Sum(l => l.Monthly!.Value.Expected);
            return side.At(logs) == own + new NodeShare(direct, ["loki"], null).Expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Loki_against_CloudWatch_Logs_crosses_where_both_curves_meet_and_the_self_managed_side_grows_with_volume()
    {
        var selfManaged = Estimator.Compile(Spec, Target("self-managed"));
        var managed = Estimator.Compile(Spec, Target("managed"));
        var loki = new CostSide("loki", selfManaged.Deployment.Name, ScenarioEvaluator.Create(selfManaged, ["logs_gb_per_day"], l => l.Component == "loki"), new NodeShare(selfManaged, ["loki"], "logs_gb_per_day"));
        var cloudWatch = new CostSide("cloudwatch-logs", managed.Deployment.Name, ScenarioEvaluator.Create(managed, ["logs_gb_per_day"], l => l.Component == "cloudwatch-logs"));

        var result = BreakEven.Find("logs_gb_per_day", loki, cloudWatch, 0m, 100m);

        loki.At(5000m).ShouldBeGreaterThan(loki.At(500m) * 2);
        var crossing = result.Crossings.ShouldHaveSingleItem();
        crossing.IsStep.ShouldBeFalse();
        Math.Abs(loki.At(crossing.Value) - cloudWatch.At(crossing.Value)).ShouldBeLessThanOrEqualTo(BreakEven.Tolerance);
    }
}
