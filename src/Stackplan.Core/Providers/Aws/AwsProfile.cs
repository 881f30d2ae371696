using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Sizing;

namespace Stackplan.Core.Providers.Aws;

/// <summary>
/// Amazon Web Services: EKS clusters of EC2 nodes with EBS root volumes, or ECS tasks on Fargate.
/// </summary>
public sealed class AwsProfile : IProviderProfile
{
    public static AwsProfile Instance { get; } = new();

    private AwsProfile()
    {
    }

    public string Id => "aws";

    public string DisplayName => "AWS";

    /// <summary>
    /// The commercial, GovCloud and China regions of the AWS general reference ("AWS Regions",
    /// docs.aws.amazon.com/global-infrastructure regions list), as of November 2026.
    /// </summary>
    public ImmutableArray<string> Regions { get; } =
    [
        "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
        "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
        "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "cn-north-1", "cn-northwest-1",
        "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
        "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1",
        "us-east-1", "us-east-2", "us-gov-east-1", "us-gov-west-1", "us-west-1", "us-west-2",
    ];

    public string DefaultRegion => "us-east-1";

    public ImmutableDictionary<string, ClusterKind> ClusterKindNames { get; } = new Dictionary<string, ClusterKind>(StringComparer.Ordinal)
    {
        ["eks"] = ClusterKind.ManagedKubernetes,
        ["ecs-fargate"] = ClusterKind.ServerlessContainers,
        ["eks-fargate"] = ClusterKind.ServerlessContainers,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>EKS with every pod on Fargate profiles: the EKS control plane is paid, the pods are Fargate tasks.</summary>
    public ImmutableHashSet<string> KubernetesOnServerlessKinds { get; } = ["eks-fargate"];

    public string ProviderManagedKeysName => "aws-managed";

    public string ControlPlaneComponent => "eks-control-plane";

    public string NatComponent => "nat-gateway";

    public string LoadBalancerComponent => "alb";

    /// <summary>EBS volume types a node's root volume may use (gp3 first: EKS managed node groups default to it).</summary>
    public ImmutableArray<string> StorageClasses { get; } = ["gp3", "gp2", "io1", "io2", "st1", "sc1"];

    public ImmutableDictionary<string, string> StoragePriceKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["volume"] = "ec2/ebs/gp3",
        ["object-storage"] = "s3/standard-storage",
        // A Service of type LoadBalancer without the AWS Load Balancer Controller's annotations gets
        // a Classic Load Balancer from the in-tree cloud provider (Kubernetes docs, "Service",
        // type LoadBalancer on AWS), per hour.
        ["service-load-balancer"] = "elb/clb/hour",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    public ImmutableDictionary<string, string> StorageNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["volume"] = "EBS",
        ["object-storage"] = "S3",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    public string NodePriceKey(string instanceType) => $"ec2/instance/{instanceType}";

    /// <summary>EBS volumes are billed per GB-month of their type.</summary>
    public NodeDiskPrice DiskPrice(string storageClass, decimal sizeGb) => new($"ec2/ebs/{storageClass}", PerDisk: false);

    /// <summary>
    /// EBS pricing page: gp3 includes 3,000 IOPS and 125 MiB/s per volume and bills what is
    /// provisioned above them; io1 bills every provisioned IOPS; io2 bills IOPS on tiers per volume
    /// (0-32,000, 32,000-64,000, above). Other types have no provisioned performance.
    /// </summary>
    public ProvisionedPerformance? Performance(string storageClass) => storageClass switch
    {
        "gp3" => new ProvisionedPerformance(3000m, 125m, false),
        "io1" => new ProvisionedPerformance(0m, null, false),
        "io2" => new ProvisionedPerformance(0m, null, true),
        _ => null,
    };

    /// <summary>
    /// The EKS AMI's kubelet reserve (awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go):
    /// CPU 6% of the first core, 1% of the second, 0.5% of the third and fourth, 0.25% of the rest;
    /// memory 255 MiB plus 11 MiB per pod the node can hold, plus the 100 MiB hard eviction
    /// threshold. Before any of that, the memory the hypervisor, firmware and kernel keep, which
    /// the kubelet never sees: <see cref="VmMemoryOverhead"/> of the nominal memory.
    /// </summary>
    public NodeReserve Reserve(InstanceType type) =>
        new(KubeletCpuReserve.Banded(type.VCpu, [(1, 0.06m), (1, 0.01m), (2, 0.005m), (decimal.MaxValue, 0.0025m)]),
            Math.Floor(type.MemoryGiB * 1024m * VmMemoryOverhead) + 255m + (11m * type.MaxPods) + 100m);

    /// <summary>
    /// Share of an EC2 instance's nominal memory that never reaches the kubelet: 7.5%, Karpenter's
    /// default <c>--vm-memory-overhead-percent</c> 0.075 (aws/karpenter-provider-aws
    /// pkg/operator/options/options.go, v1.14.1), tuned by AWS to match most instance types without
    /// over-estimating. Measured gaps run 1.7-5.3% (a t3.xlarge reports 16,132,820 Ki of 16 GiB,
    /// awslabs/amazon-eks-ami#387), so this errs towards one node more, never one too few.
    /// </summary>
    public const decimal VmMemoryOverhead = 0.075m;

    /// <summary>ECS on Fargate, by the ECS developer guide's task-size table (CPU and memory combinations).</summary>
    public ServerlessContainers? Serverless { get; } = new(
        "Fargate",
        "fargate",
        [
            new(0.25m, [0.5m, 1m, 2m]),
            new(0.5m, [1m, 2m, 3m, 4m]),
            new(1m, [2m, 3m, 4m, 5m, 6m, 7m, 8m]),
            new(2m, [.. Enumerable.Range(4, 13).Select(i => (decimal)i)]),
            new(4m, [.. Enumerable.Range(8, 23).Select(i => (decimal)i)]),
            new(8m, [.. Enumerable.Range(4, 12).Select(i => i * 4m)]),
            new(16m, [.. Enumerable.Range(4, 12).Select(i => i * 8m)]),
        ],
        "ecs/fargate/vcpu-hour",
        "ecs/fargate/gb-hour",
        "smallest Fargate size covering the requests",
        "ecs/fargate/arm/vcpu-hour",
        "ecs/fargate/arm/gb-hour",
        KubernetesPodOverheadMiB: 256m,
        KubernetesPodOverheadSource: "Amazon EKS User Guide, 'Fargate Pod configuration': Fargate adds 256 MB to each Pod's memory reservation for the required Kubernetes components (kubelet, kube-proxy, and containerd)");

    /// <summary>The cluster-kind flags the AWS catalog entries were written with.</summary>
    public IEnumerable<ProviderFact> Facts(EnvironmentSpec environment)
    {
        var at = $"environment '{environment.Name}' cluster.kind";
        var eksOnFargate = environment.Cluster.KubernetesOnServerless;
        yield return new ProviderFact("eks", environment.Cluster.Kind == ClusterKind.ManagedKubernetes || eksOnFargate ? 1m : 0m, at);
        yield return new ProviderFact("ecs_fargate", environment.Cluster.Kind == ClusterKind.ServerlessContainers && !eksOnFargate ? 1m : 0m, at);
    }
}
