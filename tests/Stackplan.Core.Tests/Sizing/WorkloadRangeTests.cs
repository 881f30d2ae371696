using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Tests.Sizing;

/// <summary>
/// Services that autoscale cost a range (case real-19), and Kubernetes-only add-ons are never
/// priced as ECS tasks (case accuracy-04).
/// </summary>
public sealed class WorkloadRangeTests
{
    private static readonly Estimator Estimator = EmbeddedData.Estimator();

    private static Bill Estimate(string yaml, string environment = "prod")
    {
        var spec = SpecReader.Read(yaml, "spec.yaml");
        return Estimator.Estimate(spec, new DeploymentRef(environment, "default", spec.Location));
    }

    private const string FargateService = """
        stackplan: 1
        name: ecs-autoscale
        region: us-east-1
        workloads:
          services:
            - {name: web, min: 2, max: 10, cpu: 500m, memory: 1Gi}
        environments:
          prod:
            zones: 2
            natGateways: none
            cluster: {kind: ecs-fargate}
            bastion: none
        """;

    [Fact]
    public void A_Fargate_service_autoscaling_between_2_and_10_tasks_costs_36_04_to_180_20()
    {
        var bill = Estimate(FargateService);
        var fargate = bill.Lines.Where(l => l.Component == "fargate").Select(l => l.Monthly!.Value).Aggregate((a, b) => a + b);

        fargate.Low.ShouldBe(36.04m);
        fargate.High.ShouldBe(180.20m);
    }

    [Fact]
    public void An_expected_task_count_between_min_and_max_prices_the_expected_month()
    {
        var bill = Estimate(FargateService.Replace("min: 2, max: 10", "min: 2, replicas: 4, max: 10", StringComparison.Ordinal));

        bill.Lines.Where(l => l.Component == "fargate").Sum(l => l.Monthly!.Value.Expected).ShouldBe(72.08m);
    }

    [Fact]
    public void On_EKS_a_service_with_min_and_max_needs_more_nodes_at_its_high_end()
    {
        const string yaml = """
            stackplan: 1
            name: eks-autoscale
            region: us-east-1
            workloads:
              services:
                - {name: web, min: 2, max: 20, cpu: 1, memory: 2Gi}
            environments:
              prod:
                zones: 1
                natGateways: none
                cluster: {kind: eks}
                nodeGroups:
                  - {name: general, instanceType: m5.large, min: 1, max: 30}
                bastion: none
            """;
        var group = Estimate(yaml).Plan.Groups.Single();

        group.RequiredNodes.Low.ShouldBeLessThan(group.RequiredNodes.High);
        group.PricedNodes.Low.ShouldBe(group.RequiredLow);
    }

    [Fact]
    public void Min_above_max_is_refused_with_its_location()
    {
        var ex = Should.Throw<InputException>(() => SpecReader.Read(FargateService.Replace("min: 2, max: 10", "min: 12, max: 10", StringComparison.Ordinal), "spec.yaml"));

        ex.Diagnostics.ShouldContain(d => d.Message.Contains("min <= replicas <= max", StringComparison.Ordinal) && d.Location!.Line == 6);
    }

    private const string AddOnsOnEcs = """
        stackplan: 1
        name: k8s-addons-on-ecs
        region: us-east-1
        workloads:
          services:
            - {name: api, replicas: 2, cpu: 500m, memory: 1Gi}
        capabilities:
          block-storage: {component: ebs-csi, settings: {volume_gb: 0}}
          policy: kyverno
        environments:
          staging:
            zones: 2
            natGateways: none
            cluster: {kind: ecs-fargate}
        """;

    [Fact]
    public void Kubernetes_only_add_ons_on_ECS_are_left_out_with_a_warning_and_only_the_service_is_priced()
    {
        var bill = Estimate(AddOnsOnEcs, "staging");

        bill.Monthly.Expected.ShouldBe(36.04m);
        bill.Lines.ShouldNotContain(l => l.Id.Contains("kyverno", StringComparison.Ordinal) || l.Id.Contains("ebs-csi", StringComparison.Ordinal));
        bill.Warnings.ShouldContain(w => w.Code == DiagnosticCodes.KubernetesOnlyOnEcs && w.Message.Contains("ebs-csi", StringComparison.Ordinal) && w.Message.Contains("kyverno", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_add_ons_on_EKS_still_run_as_pods_on_nodes()
    {
        var yaml = AddOnsOnEcs.Replace("cluster: {kind: ecs-fargate}", "cluster: {kind: eks}\n    nodeGroups:\n      - {name: general, instanceType: m5.large, count: 2}", StringComparison.Ordinal);
        var bill = Estimate(yaml, "staging");

        bill.Plan.Footprints.ShouldContain(p => p.Owner == "kyverno" && p.Replicas > 0);
        bill.Warnings.ShouldNotContain(w => w.Code == DiagnosticCodes.KubernetesOnlyOnEcs);
    }

    /// <summary>The handed case real-07: 29 replicas of 1 GiB on autoscaling t3.xlarge nodes.</summary>
    private const string MemoryBound = """
        stackplan: 1
        name: allocatable-t3xl
        region: us-east-1
        workloads:
          services:
            - {name: api, replicas: 29, cpu: 100m, memory: 1Gi}
        environments:
          prod:
            zones: 1
            natGateways: none
            cluster: {kind: eks, endpoint: private}
            nodeGroups:
              - {name: general, instanceType: t3.xlarge, min: 1, max: 10, disk: {sizeGb: 20, type: gp3}}
            bastion: none
        prices:
          - {key: ec2/instance/t3.xlarge, unit: hour, usd: 0.1664, source: "AWS EC2 on-demand pricing, Linux, us-east-1", asOf: 2026-01-01}
        """;

    [Fact]
    public void Allocatable_memory_of_a_t3_xlarge_is_net_of_the_VM_overhead()
    {
        var group = Estimate(MemoryBound).Plan.Groups.Single();

        group.AllocatableMemoryMiB.ShouldBeLessThanOrEqualTo(14_862m);
    }

    [Fact]
    public void Twenty_nine_pods_of_1_GiB_need_3_t3_xlarge_and_cost_442_22_with_the_range_starting_at_3_nodes()
    {
        var bill = Estimate(MemoryBound);
        var group = bill.Plan.Groups.Single();

        group.Required.ShouldBe(3);
        group.PricedNodes.Low.ShouldBe(3);
        bill.Monthly.Expected.ShouldBe(442.22m);
    }

    [Fact]
    public void A_node_groups_max_pods_caps_the_pods_per_node_and_lowers_the_kubelet_reserve()
    {
        var capped = Estimate(MemoryBound.Replace("disk: {sizeGb: 20, type: gp3}}", "disk: {sizeGb: 20, type: gp3}, maxPods: 8}", StringComparison.Ordinal)).Plan.Groups.Single();
        var plain = Estimate(MemoryBound).Plan.Groups.Single();

        capped.MaxPods.ShouldBe(8);
        capped.AllocatableMemoryMiB.ShouldBeGreaterThan(plain.AllocatableMemoryMiB);
        capped.Required.ShouldBeGreaterThan(plain.Required);
    }
}
