using Stackplan.Core.Analysis;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Tests.Sizing;

/// <summary>
/// Pods follow usage: Loki's footprint grows with log volume as Grafana's sizing guide says, every
/// analysis re-sizes, and a mode used past its documented ceiling says so (cases real-06, accuracy-02).
/// </summary>
public sealed class UsageDrivenSizingTests
{
    private static readonly Estimator Estimator = EmbeddedData.Estimator();

    /// <summary>The handed case real-06: self-managed Loki at 1 TB/day (500..3,000) on autoscaling m5.xlarge nodes.</summary>
    private static string LokiSpec(string mode, string usage = "{low: 500, expected: 1000, high: 3000}") => $$$"""
        stackplan: 1
        name: loki-1tb
        region: us-east-1
        usage:
          logs_gb_per_day: {{{usage}}}
        capabilities:
          logs: {component: loki, mode: {{{mode}}}}
          log-collection: promtail
        environments:
          prod:
            zones: 3
            natGateways: single
            cluster: {kind: eks, endpoint: private}
            nodeGroups:
              - {name: general, instanceType: m5.xlarge, min: 3, max: 30, disk: {sizeGb: 50, type: gp3}}
            bastion: none
            retention: {logsDays: 30}
        """;

    private static DeploymentModel Compile(string yaml, string environment = "prod", IReadOnlyDictionary<string, ValueRange>? usage = null)
    {
        var spec = SpecReader.Read(yaml, "spec.yaml");
        return Estimator.Compile(spec, new DeploymentRef(environment, "default", spec.Location), usage);
    }

    [Theory]
    [InlineData("simple-scalable")]
    [InlineData("distributed")]
    public void Loki_at_1_TB_a_day_requests_Grafanas_base_tier_and_needs_at_least_11_m5_xlarge(string mode)
    {
        var model = Compile(LokiSpec(mode));
        var loki = model.Plan.Footprints.Where(p => p.Owner == "loki" && !p.DaemonSet).ToList();
        var tierPods = loki.Where(p => p.Name is not ("chunks-cache" or "results-cache" or "gateway")).ToList();

        tierPods.Sum(p => p.Replicas * p.CpuMillis).ShouldBeGreaterThanOrEqualTo(38_000m);
        tierPods.Sum(p => p.Replicas * p.MemoryMiB).ShouldBeGreaterThanOrEqualTo(59m * 1024m - 1m);
        var group = model.Plan.Groups.Single();
        group.Required.ShouldBeGreaterThanOrEqualTo(11);
        group.PricedNodes.Low.ShouldBeGreaterThanOrEqualTo(group.RequiredLow);
    }

    [Fact]
    public void Distributed_Loki_at_1_TB_a_day_packs_onto_12_m5_xlarge_as_the_reference_run_with_the_tier_typed_in()
    {
        Compile(LokiSpec("distributed")).Plan.Groups.Single().Required.ShouldBe(12);
    }

    [Fact]
    public void Sweeping_log_volume_raises_the_node_line_not_only_the_storage_line()
    {
        // A group allowed to grow: capped at the case's max of 30, the line would rightly stop there.
        var model = Compile(LokiSpec("distributed").Replace("max: 30", "max: 1000", StringComparison.Ordinal));
        var result = Sweep.Grid([model], [new SweepAxis("logs_gb_per_day", 1000, 30000, 2)]);
        var nodesOnly = ScenarioEvaluator.Create(model, ["logs_gb_per_day"], l => l.Component == "nodes");

        nodesOnly.Resizes.ShouldBeTrue();
        var nodeCosts = result.Points.Select(p => nodesOnly.EvaluateExact(p.Values.AsSpan())).ToList();
        nodeCosts[1].ShouldBeGreaterThan(nodeCosts[0]);
        nodeCosts[2].ShouldBeGreaterThan(nodeCosts[1]);
    }

    [Theory]
    [InlineData(700)]
    [InlineData(2500)]
    [InlineData(12_000)]
    public void A_sweep_point_equals_compare_with_that_usage(int gbPerDay)
    {
        var model = Compile(LokiSpec("simple-scalable"));
        var swept = Sweep.Grid([model], [new SweepAxis("logs_gb_per_day", gbPerDay, gbPerDay, 1)]).Points[0].Totals[0];

        var direct = Compile(LokiSpec("simple-scalable"), usage: new Dictionary<string, ValueRange> { ["logs_gb_per_day"] = ValueRange.Exactly(gbPerDay) }).ToBill();
        swept.ShouldBe(direct.Monthly.Expected);
    }

    [Fact]
    public void Single_binary_past_its_documented_ceiling_warns_with_the_limit_and_its_source()
    {
        var warnings = Compile(LokiSpec("single-binary")).ToBill().Warnings;

        warnings.ShouldContain(w => w.Code == DiagnosticCodes.ModeOverLimit && w.Message.Contains("up to 20 GB of logs a day", StringComparison.Ordinal) && w.Message.Contains("deployment-modes.md", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(10, "single-binary/loki")]
    [InlineData(500, "simple-scalable/write")]
    [InlineData(5000, "distributed/ingester")]
    public void Mode_auto_runs_the_mode_Grafana_recommends_for_the_volume(int gbPerDay, string expectedPod)
    {
        var model = Compile(LokiSpec("auto", gbPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var running = model.Plan.Footprints.Where(p => p.Owner == "loki" && p.Replicas > 0 && !p.Name.EndsWith("cache", StringComparison.Ordinal) && !p.Name.EndsWith("gateway", StringComparison.Ordinal) && !p.DaemonSet).Select(p => p.Name).ToList();

        running.ShouldContain(expectedPod);
        running.Select(n => n.Split('/')[0]).Distinct().ShouldHaveSingleItem();
        model.ToBill().Warnings.ShouldNotContain(w => w.Code == DiagnosticCodes.ModeOverLimit);
    }

    [Fact]
    public void Mode_auto_switches_mode_inside_a_sweep_as_compare_would()
    {
        var model = Compile(LokiSpec("auto", "10"));
        var evaluator = ScenarioEvaluator.Create(model, ["logs_gb_per_day"]);
        foreach (var gb in new[] { 10m, 500m, 5000m })
        {
            var direct = Compile(LokiSpec("auto", "10"), usage: new Dictionary<string, ValueRange> { ["logs_gb_per_day"] = ValueRange.Exactly(gb) }).ToBill();
            evaluator.EvaluateExact([gb]).ShouldBe(direct.Monthly.Expected);
        }
    }

    /// <summary>The handed case accuracy-02: Loki single-binary on two t3a.medium nodes.</summary>
    private const string LokiDevOnSmallNodes = """
        stackplan: 1
        name: loki-dev
        region: us-east-1
        usage:
          logs_gb_per_day: 1
        capabilities:
          logs: {component: loki, mode: single-binary}
          log-collection: promtail
        environments:
          dev:
            zones: 1
            natGateways: none
            cluster: {kind: eks, endpoint: public}
            nodeGroups:
              - {name: general, instanceType: t3a.medium, count: 2, disk: {sizeGb: 50, type: gp2}}
            bastion: none
            retention: {logsDays: 7}
        """;

    [Theory]
    [InlineData("single-binary")]
    [InlineData("simple-scalable")]
    [InlineData("distributed")]
    public void Every_Loki_mode_runs_the_charts_default_caches_and_canary(string mode)
    {
        var model = Compile(LokiSpec(mode, "1"));
        var loki = model.Plan.Footprints.Where(p => p.Owner == "loki").ToList();

        loki.ShouldContain(p => p.Name == "chunks-cache" && p.Replicas == 1 && p.CpuMillis == 500m && p.MemoryMiB == 9830m);
        loki.ShouldContain(p => p.Name == "results-cache" && p.Replicas == 1 && p.CpuMillis == 500m && p.MemoryMiB == 1229m);
        loki.ShouldContain(p => p.Name == "loki-canary" && p.DaemonSet);
    }

    [Fact]
    public void Loki_single_binary_requests_12083_MiB_and_its_chunks_cache_cannot_schedule_on_t3a_medium()
    {
        var model = Compile(LokiDevOnSmallNodes, "dev");
        var loki = model.Plan.Footprints.Where(p => p.Owner == "loki" && !p.DaemonSet);

        loki.Sum(p => p.Replicas * p.MemoryMiB).ShouldBe(12_083m);
        model.ToBill().Warnings.ShouldContain(w => w.Message.Contains("loki/chunks-cache", StringComparison.Ordinal) && w.Message.Contains("never schedule", StringComparison.Ordinal));
    }

    [Fact]
    public void Turning_the_chunks_cache_off_removes_its_pod()
    {
        var yaml = LokiDevOnSmallNodes.Replace("{component: loki, mode: single-binary}", "{component: loki, mode: single-binary, settings: {chunks_cache: 0}}", StringComparison.Ordinal);
        var model = Compile(yaml, "dev");

        model.Plan.Footprints.Single(p => p.Name == "chunks-cache").Replicas.ShouldBe(0);
        model.ToBill().Warnings.ShouldNotContain(w => w.Message.Contains("chunks-cache", StringComparison.Ordinal));
    }
}
