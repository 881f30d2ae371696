using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Testing;

namespace Stackplan.Core.Tests;

/// <summary>Names of node groups, components, tasks and line items may hold '-' or '/': the engine must still price them.</summary>
public sealed class GeneratedVariableNameTests
{
    // The test's own prices: what the lines must come to follows from these, not from the shipped book.
    private static readonly Estimator Estimator = Estimators.For(
        new CatalogBuilder().Managed("secrets-store", "secrets", c => c.OpsHours(0.5m)),
        new PriceBookBuilder()
            .Price("ec2/instance/m.test", "hour", 0.10m)
            .Price("ec2/ebs/gp3", "GB-month", 0.08m)
            .Price("ecs/fargate/vcpu-hour", "vCPU-hour", 0.04m)
            .Price("ecs/fargate/gb-hour", "GB-hour", 0.004m));

    private const string Spec = """
        stackplan: 1
        name: names-with-dashes
        workloads:
          services:
            - {name: api-server, replicas: 2, cpu: 500m, memory: 1Gi}
        capabilities:
          secrets: secrets-store
        labour: {ratePerHour: 100, source: "test rate"}
        instanceTypes:
          m.test: {vcpu: 2, memoryGiB: 8, maxPods: 30}
        environments:
          eks-env:
            zones: 1
            natGateways: none
            nodeGroups:
              - {name: general-purpose, instanceType: m.test, count: 2}
            lineItems:
              - {item: On-prem support contract, category: operations, quantity: 2, unit: month, unitPrice: 100, source: "test quote"}
          ecs-env:
            extends: eks-env
            cluster: {kind: ecs-fargate}
        compare:
          - {environment: eks-env, option: default}
          - {environment: ecs-env, option: default}
        """;

    private static Bill BillFor(string environment) => Estimator.Bill(SpecReader.Read(Spec, "names.yaml"), environment);

    [Fact]
    public void A_node_group_whose_name_has_a_dash_is_priced()
    {
        // 2 nodes x 730 h x $0.10
        BillFor("eks-env").Lines.Single(l => l.Item.StartsWith("general-purpose: m.test", StringComparison.Ordinal)).Monthly!.Value.Expected.ShouldBe(146.00m);
    }

    [Fact]
    public void A_line_item_whose_name_has_spaces_and_dashes_is_priced()
    {
        BillFor("eks-env").Lines.Single(l => l.Item == "On-prem support contract").Monthly!.Value.Expected.ShouldBe(200m);
    }

    [Fact]
    public void Operations_hours_of_a_component_whose_id_has_a_dash_are_priced()
    {
        // 0.5 h a month x $100
        BillFor("eks-env").Lines.Single(l => l.Item == "secrets-store operations").Monthly!.Value.Expected.ShouldBe(50m);
    }

    [Fact]
    public void A_Fargate_task_whose_workload_name_has_a_dash_is_priced()
    {
        // 2 tasks x 0.5 vCPU x 730 h x $0.04
        BillFor("ecs-env").Lines.Single(l => l.Item == "api-server/api-server vCPU").Monthly!.Value.Expected.ShouldBe(29.20m);
    }

    [Fact]
    public void ECS_Fargate_runs_no_Kubernetes_system_pods()
    {
        var bill = BillFor("ecs-env");

        bill.Plan.ContainerTasks.Select(t => t.Owner).ShouldBe(["api-server"]);
        bill.Warnings.ShouldNotContain(w => w.Code == DiagnosticCodes.ServerlessDaemonSets);
    }
}
