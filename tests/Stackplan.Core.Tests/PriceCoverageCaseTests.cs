using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Tests;

/// <summary>
/// The handed cases of ../shared/cases on price coverage and pricing semantics, each with the value
/// its CASE.md computes by hand from the AWS pricing pages.
/// </summary>
public sealed class PriceCoverageCaseTests
{
    private static readonly Estimator Estimator = EmbeddedData.Estimator();

    private static Bill Estimate(string yaml) => Estimator.EstimateAll(SpecReader.Read(yaml, "case.yaml")).Single();

    private static decimal Line(Bill bill, string id) => bill.FindLine(id)!.Monthly!.Value.Expected;

    [Fact]
    public void Two_lines_on_one_tiered_key_climb_one_ladder()
    {
        // accuracy-01: 8,000 Container Insights + 8,000 custom metric-months = 10,000 x $0.30 + 6,000 x $0.10.
        var bill = Estimate("""
            stackplan: 1
            name: tiers-per-line
            region: us-east-1
            usage:
              custom_metrics: 8000
            capabilities:
              metrics: {component: cloudwatch-container-insights, settings: {metrics_per_node: 4000, metrics_per_pod: 0, performance_log_gb_per_node: 0}}
              metrics-storage: cloudwatch-metrics
            environments:
              prod:
                zones: 1
                natGateways: none
                cluster: {kind: eks}
                nodeGroups:
                  - {name: general, instanceType: t3.medium, count: 2, disk: {sizeGb: 20, type: gp3}}
            """);

        bill.CategoryTotal(Category.Metrics).Expected.ShouldBe(3_600.00m);
        bill.Monthly.Expected.ShouldBe(3_736.94m);
        Line(bill, "cloudwatch-container-insights/container-insights-metrics").ShouldBe(2_400.00m);
        var second = bill.FindLine("cloudwatch-metrics/custom-metrics")!;
        (second.Monthly!.Value.Expected, second.TierStart, second.LinesOnLadder).ShouldBe((1_200.00m, 8_000m, 2));
    }

    [Fact]
    public void The_model_and_its_analyses_price_a_shared_ladder_like_the_bill()
    {
        var spec = SpecReader.Read("""
            stackplan: 1
            name: tiers-per-line
            region: us-east-1
            usage:
              custom_metrics: 8000
            capabilities:
              metrics: {component: cloudwatch-container-insights, settings: {metrics_per_node: 4000, metrics_per_pod: 0, performance_log_gb_per_node: 0}}
              metrics-storage: cloudwatch-metrics
            environments:
              prod: {zones: 1, natGateways: none, cluster: {kind: eks}, nodeGroups: [{name: general, instanceType: t3.medium, count: 2}]}
            """, "case.yaml");
        var model = Estimator.Compile(spec, spec.DeploymentsToCompare().Single());
        model.MonthlyTotal(model.ValuesAt(1)).ShouldBe(model.ToBill().Monthly.Expected);

        var evaluator = Stackplan.Core.Analysis.ScenarioEvaluator.Create(model, ["custom_metrics"]);
        evaluator.EvaluateExact([8_000m]).ShouldBe(model.ToBill().Monthly.Expected);
        evaluator.EvaluateExact([2_000m]).ShouldBe(model.ToBill().Monthly.Expected - 1_200.00m + 600.00m);
        evaluator.Evaluate([2_000.0]).ShouldBe((double)evaluator.EvaluateExact([2_000m]), 0.001);
    }

    [Fact]
    public void S3_standard_storage_is_priced_on_its_three_tiers()
    {
        // accuracy-06: 51,200 x $0.023 + 460,800 x $0.022 + 488,000 x $0.021.
        var bill = Estimate("""
            stackplan: 1
            name: s3-standard-tiers
            region: us-east-1
            usage:
              s3_gb: 1000000
            capabilities:
              object-storage: s3
            environments:
              prod:
                zones: 1
                natGateways: none
                cluster: {kind: ecs-fargate}
            """);

        bill.Monthly.Expected.ShouldBe(21_563.20m);
    }

    [Fact]
    public void Every_shipped_instance_type_is_priced_so_a_t3_xlarge_node_counts()
    {
        // real-01: EKS extended support 730 h x $0.60 + t3.xlarge 730 h x $0.1664 + 20 GB gp2 x $0.10.
        var bill = Estimate("""
            stackplan: 1
            name: eks-extended-t3xlarge
            region: us-east-1
            environments:
              prod:
                zones: 2
                natGateways: none
                cluster: {kind: eks, endpoint: private, extendedSupport: true}
                nodeGroups:
                  - {name: workers, instanceType: t3.xlarge, count: 1, disk: {sizeGb: 20, type: gp2}}
                bastion: none
            """);

        bill.IsComplete.ShouldBeTrue();
        bill.Monthly.Expected.ShouldBe(561.47m);
        Line(bill, "nodes/workers-t3-xlarge-on-demand").ShouldBe(121.47m);
    }

    [Fact]
    public void A_public_eks_example_in_eu_west_1_on_m6i_is_priced()
    {
        // real-14: EKS $73.00 exact; NAT 730 h x $0.048; 2 x m6i.large 1,460 h x $0.107; 40 GB gp3 x $0.088.
        var bill = Estimate("""
            stackplan: 1
            name: eks-mng-example
            region: eu-west-1
            environments:
              example:
                zones: 3
                natGateways: single
                cluster: {kind: eks, endpoint: public-and-private}
                nodeGroups:
                  - {name: example, instanceType: m6i.large, min: 2, max: 5, disk: {sizeGb: 20, type: gp3}}
                bastion: none
            """);

        bill.IsComplete.ShouldBeTrue();
        Line(bill, "eks-control-plane/eks-control-plane-standard-support").ShouldBe(73.00m);
        bill.Monthly.Expected.ShouldBe(267.78m);
    }

    [Fact]
    public void Fargate_in_eu_central_1_is_priced_from_the_shipped_book()
    {
        // real-11: 730 h x $0.04656 + 1,460 GB-h x $0.00511.
        var bill = Estimate("""
            stackplan: 1
            name: fargate-frankfurt
            region: eu-central-1
            workloads:
              services:
                - {name: api, replicas: 1, cpu: 1, memory: 2Gi}
            environments:
              prod:
                zones: 2
                natGateways: none
                cluster: {kind: ecs-fargate}
                bastion: none
            """);

        bill.IsComplete.ShouldBeTrue();
        (Line(bill, "fargate/api-api-vcpu"), Line(bill, "fargate/api-api-memory"), bill.Monthly.Expected).ShouldBe((33.99m, 7.46m, 41.45m));
    }

    [Fact]
    public void Internet_egress_through_nat_gateways_is_billed_on_top_of_nat_processing()
    {
        // real-02: 3 x 730 h x $0.045 + 1,000 GB x $0.045 + 1,000 GB x $0.09.
        var bill = Estimate("""
            stackplan: 1
            name: nat-egress
            region: us-east-1
            usage:
              nat_data_gb_per_month: 1000
            environments:
              prod:
                zones: 3
                natGateways: per-az
                cluster: {kind: ecs-fargate}
                bastion: none
            """);

        Line(bill, "data-transfer/data-transfer-out-to-the-internet").ShouldBe(90.00m);
        bill.CategoryTotal(Category.Networking).Expected.ShouldBe(233.55m);
    }

    [Fact]
    public void Traffic_between_zones_is_billed_on_both_sides()
    {
        // real-12: 2 x 48,000 GB x $0.01 on top of $604.03.
        var bill = Estimate("""
            stackplan: 1
            name: cross-az
            region: us-east-1
            usage:
              cross_az_gb_per_month: {low: 24000, expected: 48000, high: 96000, description: "1,600 GB/day moved between zones"}
            workloads:
              services:
                - {name: svc, replicas: 30, cpu: 250m, memory: 512Mi}
            environments:
              prod:
                zones: 3
                natGateways: per-az
                cluster: {kind: eks, endpoint: private}
                nodeGroups:
                  - {name: general, instanceType: m5.xlarge, min: 3, max: 9, disk: {sizeGb: 50, type: gp3}}
                bastion: none
            """);

        var transfer = bill.Lines.Where(l => l.Component == "data-transfer").ToList();
        transfer.Sum(l => l.Monthly!.Value.Expected).ShouldBe(960.00m);
        transfer.Sum(l => l.Monthly!.Value.Low).ShouldBe(480.00m);
        transfer.Sum(l => l.Monthly!.Value.High).ShouldBe(1_920.00m);
        bill.Monthly.Expected.ShouldBe(1_564.03m);
    }

    [Fact]
    public void The_infrequent_access_log_class_reprices_only_the_component_that_chose_it()
    {
        // real-17: IA ingestion 3,041.67 GB x $0.25; Container Insights' log events stay Standard at $0.50.
        var bill = Estimate("""
            stackplan: 1
            name: cwl-ia
            region: us-east-1
            usage:
              logs_gb_per_day: 100
            capabilities:
              logs: {component: cloudwatch-logs, settings: {log_class: infrequent-access}}
              log-collection: fluent-bit
              metrics: cloudwatch-container-insights
            environments:
              prod:
                zones: 2
                natGateways: none
                cluster: {kind: eks, endpoint: private}
                nodeGroups:
                  - {name: general, instanceType: m5.large, count: 2, disk: {sizeGb: 20, type: gp3}}
                bastion: none
                retention: {logsDays: 30}
            """);

        Line(bill, "cloudwatch-logs/log-ingestion").ShouldBe(760.42m);
        bill.CategoryTotal(Category.Logs).Expected.ShouldBe(850.42m);
        Line(bill, "cloudwatch-container-insights/performance-log-events").ShouldBe(1.00m);
        bill.Monthly.Expected.ShouldBe(1_097.78m);
    }

    [Fact]
    public void Gp3_iops_and_throughput_above_the_included_baseline_are_priced()
    {
        // real-18: per volume (6,000 - 3,000) x $0.005 + (250 - 125) x $0.04, 3 volumes, on top of 1,500 GB x $0.08.
        const string Spec = """
            stackplan: 1
            name: gp3-iops
            region: us-east-1
            environments:
              prod:
                zones: 3
                natGateways: none
                cluster: {kind: eks, endpoint: private}
                nodeGroups:
                  - {name: data, instanceType: m5.xlarge, count: 3, disk: {sizeGb: 500, type: gp3, iops: 6000, throughput: 250}}
                bastion: none
            """;
        var bill = Estimate(Spec);

        Line(bill, "nodes/data-provisioned-iops-gp3").ShouldBe(45.00m);
        Line(bill, "nodes/data-provisioned-throughput-gp3").ShouldBe(15.00m);
        bill.CategoryTotal(Category.Storage).Expected.ShouldBe(180.00m);
        bill.Monthly.Expected.ShouldBe(673.48m);

        // At or below the baseline nothing is added.
        var baseline = Estimate(Spec.Replace("iops: 6000, throughput: 250", "iops: 3000, throughput: 125", StringComparison.Ordinal));
        baseline.Monthly.Expected.ShouldBe(613.48m);
    }

    [Fact]
    public void Fargate_on_graviton_and_fargate_spot_are_chosen_in_the_cluster()
    {
        const string Spec = """
            stackplan: 1
            name: fargate-variants
            region: eu-central-1
            workloads:
              services:
                - {name: api, replicas: 1, cpu: 1, memory: 2Gi}
            environments:
              prod:
                zones: 2
                natGateways: none
                cluster: {kind: ecs-fargate, fargate: {architecture: arm64}}
                bastion: none
            """;
        var arm = Estimate(Spec);
        arm.FindLine("fargate/api-api-vcpu")!.PriceKey.ShouldBe("ecs/fargate/arm/vcpu-hour");
        arm.Monthly.Expected.ShouldBeLessThan(41.45m);

        // Spot: the on-demand x86 rates less the stated 70 %: $33.99 x 0.3 and $7.46 x 0.3 (each rounded once).
        var spot = Estimate(Spec.Replace("fargate: {architecture: arm64}", "fargate: {capacity: spot, spotDiscount: 0.7}", StringComparison.Ordinal));
        (Line(spot, "fargate/api-api-vcpu"), Line(spot, "fargate/api-api-memory")).ShouldBe((10.20m, 2.24m));

        var noDiscount = Should.Throw<InputException>(() => SpecReader.Read(Spec.Replace("fargate: {architecture: arm64}", "fargate: {capacity: spot}", StringComparison.Ordinal), "case.yaml"));
        noDiscount.Message.ShouldContain("no spotDiscount");
    }

    [Fact]
    public void A_negotiated_discount_takes_its_share_off_the_list_prices_of_its_family_only()
    {
        // real-01's spec with 10% off EC2 instances: t3.xlarge 730 h x $0.1664 x 0.9; EKS and EBS stay at list.
        var bill = Estimate("""
            stackplan: 1
            name: discounted
            region: us-east-1
            discounts:
              - {family: ec2/instance, share: 0.1, source: "EDP order form 2026-03"}
              - {family: ec2, share: 0.05, source: "EDP order form 2026-03"}
            environments:
              prod:
                zones: 2
                natGateways: none
                cluster: {kind: eks, endpoint: private, extendedSupport: true}
                nodeGroups:
                  - {name: workers, instanceType: t3.xlarge, count: 1, disk: {sizeGb: 20, type: gp2}}
                bastion: none
            """);

        var node = bill.FindLine("nodes/workers-t3-xlarge-on-demand")!;
        node.Monthly!.Value.Expected.ShouldBe(109.32m);
        node.PriceMultiplierNote!.ShouldContain("EDP order form 2026-03");
        Line(bill, "nodes/workers-node-disks-gp2").ShouldBe(1.90m);
        Line(bill, "eks-control-plane/eks-control-plane-extended-support").ShouldBe(438.00m);
    }

    [Fact]
    public void A_misspelt_region_is_refused_with_the_nearest_name()
    {
        var error = Should.Throw<InputException>(() => SpecReader.Read("stackplan: 1\nname: x\nregion: us-east1\n", "spec.yaml"));
        error.Message.ShouldContain("spec.yaml:3:9");
        error.Message.ShouldContain("unknown region 'us-east1'");
        error.Message.ShouldContain("did you mean 'us-east-1'?");
    }
}
