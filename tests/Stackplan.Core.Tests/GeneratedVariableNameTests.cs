using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Tests;

/// <summary>Names of node groups, components, tasks and line items may hold '-' or '/': the engine must still price them.</summary>
public sealed class GeneratedVariableNameTests
{
    private static readonly Estimator Estimator = EmbeddedData.Estimator();

    private const string Spec = """
        stackplan: 1
        name: names-with-dashes
        workloads:
          services:
            - {name: api-server, replicas: 2, cpu: 500m, memory: 1Gi}
        capabilities:
          secrets: secrets-manager
        labour: {ratePerHour: 100, source: "test rate"}
        environments:
          eks-env:
            zones: 1
            natGateways: none
            nodeGroups:
              - {name: general-purpose, instanceType: t3.large, count: 2}
            lineItems:
              - {item: On-prem support contract, category: operations, quantity: 2, unit: month, unitPrice: 100, source: "test quote"}
          ecs-env:
            extends: eks-env
            cluster: {kind: ecs-fargate}
        compare:
          - {environment: eks-env, option: default}
          - {environment: ecs-env, option: default}
        """;

    private static Bill BillFor(string environment)
    {
        var spec = SpecReader.Read(Spec, "names.yaml");
        return Estimator.Estimate(spec, new DeploymentRef(environment, "default", spec.Location));
    }

    [Fact]
    public void A_node_group_whose_name_has_a_dash_is_priced()
    {
        BillFor("eks-env").Lines.Single(l => l.Item.StartsWith("general-purpose: t3.large", StringComparison.Ordinal)).Monthly!.Value.Expected.ShouldBe(121.47m);
    }

    [Fact]
    public void A_line_item_whose_name_has_spaces_and_dashes_is_priced()
    {
        BillFor("eks-env").Lines.Single(l => l.Item == "On-prem support contract").Monthly!.Value.Expected.ShouldBe(200m);
    }

    [Fact]
    public void Operations_hours_of_a_component_whose_id_has_a_dash_are_priced()
    {
        BillFor("eks-env").Lines.Single(l => l.Item == "secrets-manager operations").Monthly!.Value.Expected.ShouldBe(50m);
    }

    [Fact]
    public void A_Fargate_task_whose_workload_name_has_a_dash_is_priced()
    {
        // 2 tasks x 0.5 vCPU x 730 h x $0.04048
        BillFor("ecs-env").Lines.Single(l => l.Item == "api-server/api-server vCPU").Monthly!.Value.Expected.ShouldBe(29.55m);
    }

    [Fact]
    public void ECS_Fargate_runs_no_Kubernetes_system_pods()
    {
        var bill = BillFor("ecs-env");

        bill.Plan.FargateTasks.Select(t => t.Owner).ShouldBe(["api-server"]);
        bill.Warnings.ShouldNotContain(w => w.Code == DiagnosticCodes.FargateDaemonSets);
    }
}
