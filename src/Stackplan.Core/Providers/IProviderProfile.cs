using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Sizing;

namespace Stackplan.Core.Providers;

/// <summary>
/// What is true of one cloud only: the names of its managed Kubernetes and serverless container
/// services, the price keys its nodes and node disks are priced by, the kubelet reserve its node
/// images keep, its serverless task sizes, its regions, and the catalog components that stand for
/// its control plane, NAT and load balancers. The engine (resolve, size, price) asks the profile of
/// a deployment's provider and names no cloud itself.
/// </summary>
public interface IProviderProfile
{
    /// <summary>The spec's <c>provider:</c> value and the provider price lookups carry, e.g. "aws".</summary>
    string Id { get; }

    /// <summary>The provider as prose names it, e.g. "AWS".</summary>
    string DisplayName { get; }

    /// <summary>
    /// The provider's documented region codes. The hook region validation reads; a region in this
    /// list may still lack prices in a given book.
    /// </summary>
    ImmutableArray<string> Regions { get; }

    /// <summary>The region a spec that names none is priced in.</summary>
    string DefaultRegion { get; }

    /// <summary>Spec words for <c>cluster.kind</c> that belong to this provider (e.g. "eks"), beyond the neutral names every provider accepts.</summary>
    ImmutableDictionary<string, ClusterKind> ClusterKindNames { get; }

    /// <summary>Words of <see cref="ClusterKindNames"/> that mean a managed Kubernetes cluster whose pods run on the serverless service (EKS on Fargate).</summary>
    ImmutableHashSet<string> KubernetesOnServerlessKinds => [];

    /// <summary>The spec word for <c>encryption.kms</c> when the provider holds the keys (e.g. "aws-managed").</summary>
    string ProviderManagedKeysName { get; }

    /// <summary>Catalog id of the managed Kubernetes control plane (priced per cluster-hour).</summary>
    string ControlPlaneComponent { get; }

    /// <summary>Catalog id of the managed NAT service private subnets reach the internet through.</summary>
    string NatComponent { get; }

    /// <summary>Catalog id of the managed layer-7 load balancer an ingress uses.</summary>
    string LoadBalancerComponent { get; }

    /// <summary>Kubernetes storage classes (disk types) a node disk or volume may use; the first is the default.</summary>
    ImmutableArray<string> StorageClasses { get; }

    /// <summary>
    /// Price keys catalog rules name as <c>{provider.NAME}</c>, so a self-managed component runs
    /// unchanged on every provider: "volume" (a persistent volume, per GB-month) and
    /// "object-storage" (standard object storage, per GB-month).
    /// </summary>
    ImmutableDictionary<string, string> StoragePriceKeys { get; }

    /// <summary>
    /// The provider's names of the services behind <see cref="StoragePriceKeys"/> ("S3", "Blob
    /// Storage", "Cloud Storage"), which catalog line names write as <c>{provider.NAME}</c> so a
    /// self-managed component's line says where its data goes on each cloud.
    /// </summary>
    ImmutableDictionary<string, string> StorageNames { get; }

    /// <summary>Price key of one node of <paramref name="instanceType"/>, per hour on demand.</summary>
    string NodePriceKey(string instanceType);

    /// <summary>
    /// How a node disk of <paramref name="storageClass"/> and <paramref name="sizeGb"/> is priced:
    /// its price key, and whether per GB-month or per disk-month of a size tier. Its provisioned
    /// IOPS and throughput are priced by the same key with "-iops" and "-throughput" after it.
    /// </summary>
    NodeDiskPrice DiskPrice(string storageClass, decimal sizeGb);

    /// <summary>How <paramref name="storageClass"/> bills provisioned IOPS and throughput, or null when they cannot be provisioned on it.</summary>
    ProvisionedPerformance? Performance(string storageClass);

    /// <summary>CPU and memory a node's kubelet, system daemons and hard eviction threshold keep back, by the provider's node image rules.</summary>
    NodeReserve Reserve(InstanceType type);

    /// <summary>The provider's serverless container service, or null when it has none that Stackplan prices.</summary>
    ServerlessContainers? Serverless { get; }

    /// <summary>
    /// Formula variables only this provider's catalog entries read (e.g. "eks" for AWS): names,
    /// values and where each value comes from, for the environment being priced.
    /// </summary>
    IEnumerable<ProviderFact> Facts(EnvironmentSpec environment);

    /// <summary>
    /// Why the provider's managed Kubernetes does not take <paramref name="type"/> as a node of a
    /// pool, with the page that says so; null when it does. <paramref name="systemPool"/> is true
    /// for the pool that runs the cluster's system pods, which some providers hold to minimums of
    /// their own. What <c>stackplan size</c> may propose; a rule is here only when the provider
    /// documents it.
    /// </summary>
    string? NodePoolRefusal(InstanceType type, bool systemPool) => null;
}

/// <summary>A node disk's price key; <paramref name="PerDisk"/> when it is billed per disk-month of a size tier (Azure managed disks), else per GB-month.</summary>
public sealed record NodeDiskPrice(string Key, bool PerDisk);

/// <summary>
/// Provisioned performance of a storage class: the IOPS a volume includes (billed above them),
/// the throughput it includes in MiB/s (null: throughput cannot be provisioned), and whether the
/// IOPS price tiers apply per volume rather than per account.
/// </summary>
public sealed record ProvisionedPerformance(decimal IncludedIops, decimal? IncludedThroughputMiBps, bool IopsTiersPerVolume);

/// <summary>What the system keeps of a node, in millicores and MiB; the rest is allocatable to pods.</summary>
public sealed record NodeReserve(decimal CpuMillis, decimal MemoryMiB);

/// <summary>A formula variable a provider sets, with the origin <c>explain</c> shows.</summary>
public sealed record ProviderFact(string Name, decimal Value, string Origin);

/// <summary>One vCPU size of a serverless container service and the memory sizes (GB) it allows.</summary>
public sealed record ContainerSize(decimal VCpu, ImmutableArray<decimal> MemoryGb);

/// <summary>
/// A serverless container service (tasks billed per vCPU-hour and GB-hour of their size): its
/// name, the sizes a task may take, the price keys of the two dimensions (and of Arm tasks, when
/// the service prices them apart), and the name its bill lines and formula variables are grouped under.
/// </summary>
public sealed record ServerlessContainers(
    string Name,
    string LineGroup,
    ImmutableArray<ContainerSize> Sizes,
    string VCpuPriceKey,
    string MemoryPriceKey,
    string SizeSource,
    string? ArmVCpuPriceKey = null,
    string? ArmMemoryPriceKey = null,
    decimal KubernetesPodOverheadMiB = 0m,
    string? KubernetesPodOverheadSource = null)
{
    /// <summary>The smallest valid size covering the requests, or null when none is large enough.</summary>
    public (decimal VCpu, decimal MemoryGb)? SizeFor(decimal cpuMillis, decimal memoryMiB)
    {
        var vcpu = cpuMillis / 1000m;
        var memGb = memoryMiB / 1024m;
        foreach (var size in Sizes)
        {
            if (size.VCpu < vcpu)
            {
                continue;
            }

            foreach (var m in size.MemoryGb)
            {
                if (m >= memGb)
                {
                    return (size.VCpu, m);
                }
            }
        }

        return null;
    }

    /// <summary>The largest task, as a message names it ("16 vCPU, 120 GB").</summary>
    public string LargestSize => Sizes.IsEmpty ? "none" : $"{Sizes[^1].VCpu} vCPU, {Sizes[^1].MemoryGb[^1]} GB";
}
