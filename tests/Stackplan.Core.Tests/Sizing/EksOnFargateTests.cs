using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Tests.Sizing;

/// <summary>
/// EKS on Fargate (cluster.kind eks-fargate): pods are Fargate tasks as on ECS, but Fargate adds
/// 256 MiB to each pod's memory for the Kubernetes components (Amazon EKS User Guide, "Fargate Pod
/// configuration"), the EKS control plane is paid, and CoreDNS runs as Fargate pods.
/// </summary>
public sealed class EksOnFargateTests
{
    private static readonly Estimator Estimator = EmbeddedData.Estimator();

    private static string Yaml(string kind) => $$"""
        stackplan: 1
        name: fargate
        region: us-east-1
        workloads:
          services:
            - {name: api, replicas: 3, cpu: 250m, memory: 512Mi}
        environments:
          prod:
            zones: 2
            natGateways: single
            cluster: {kind: {{kind}}}
        options:
          default: {}
        """;

    private static DeploymentModel Compile(string kind)
    {
        var spec = SpecReader.Read(Yaml(kind), "fargate.yaml");
        return Estimator.Compile(spec, spec.DeploymentsToCompare()[0]);
    }

    [Fact]
    public void A_pod_of_512_MiB_takes_a_1_GB_task_on_EKS_and_a_half_GB_task_on_ECS()
    {
        var eks = Compile("eks-fargate").Plan.ContainerTasks.Single(t => t.Owner == "api");
        var ecs = Compile("ecs-fargate").Plan.ContainerTasks.Single(t => t.Owner == "api");

        (eks.VCpu, eks.MemoryGb, eks.Replicas.Expected).ShouldBe((0.25m, 1m, 3m));
        (ecs.VCpu, ecs.MemoryGb).ShouldBe((0.25m, 0.5m));
    }

    [Fact]
    public void The_EKS_control_plane_is_paid_and_CoreDNS_runs_as_two_Fargate_pods_with_no_DaemonSet_warning()
    {
        var model = Compile("eks-fargate");
        var bill = model.ToBill();

        bill.Lines.Single(l => l.Component == "eks-control-plane" && l.Monthly is { Expected: > 0m }).Monthly!.Value.Expected.ShouldBe(73.00m);
        var coredns = model.Plan.ContainerTasks.Single(t => t.Name == "coredns");
        (coredns.Replicas.Expected, coredns.VCpu, coredns.MemoryGb).ShouldBe((2m, 0.25m, 0.5m));
        bill.Warnings.ShouldNotContain(w => w.Code == DiagnosticCodes.ServerlessDaemonSets || w.Code == DiagnosticCodes.KubernetesOnlyOnEcs);
    }

    [Fact]
    public void ECS_on_Fargate_is_unchanged_no_control_plane_and_no_CoreDNS()
    {
        var model = Compile("ecs-fargate");

        model.ToBill().Lines.Where(l => l.Component == "eks-control-plane" && l.Monthly is { Expected: > 0m }).ShouldBeEmpty();
        model.Plan.ContainerTasks.ShouldNotContain(t => t.Name == "coredns");
    }
}
