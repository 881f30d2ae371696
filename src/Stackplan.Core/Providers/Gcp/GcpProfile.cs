using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Sizing;

namespace Stackplan.Core.Providers.Gcp;

/// <summary>
/// Google Cloud: GKE Standard clusters of Compute Engine nodes with Persistent Disk boot disks,
/// or GKE Autopilot, which bills the pods' requests (the serverless containers of this profile).
/// </summary>
public sealed class GcpProfile : IProviderProfile
{
    public static GcpProfile Instance { get; } = new();

    private GcpProfile()
    {
    }

    public string Id => "gcp";

    public string DisplayName => "Google Cloud";

    /// <summary>The 42 Compute Engine regions the price data holds machine prices for (Cyclenerd google-cloud-pricing-cost-calculator, 2026-07-30).</summary>
    public ImmutableArray<string> Regions { get; } =
    [
        "africa-south1", "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3", "asia-south1",
        "asia-south2", "asia-southeast1", "asia-southeast2", "australia-southeast1", "australia-southeast2", "europe-central2",
        "europe-north1", "europe-north2", "europe-southwest1", "europe-west1", "europe-west10", "europe-west12", "europe-west2",
        "europe-west3", "europe-west4", "europe-west6", "europe-west8", "europe-west9", "me-central1", "me-central2", "me-west1",
        "northamerica-northeast1", "northamerica-northeast2", "northamerica-south1", "southamerica-east1", "southamerica-west1",
        "us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west2", "us-west3", "us-west4",
    ];

    public string DefaultRegion => "us-central1";

    public ImmutableDictionary<string, ClusterKind> ClusterKindNames { get; } = new Dictionary<string, ClusterKind>(StringComparer.Ordinal)
    {
        ["gke"] = ClusterKind.ManagedKubernetes,
        ["gke-autopilot"] = ClusterKind.ServerlessContainers,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Google's term: Google-owned and Google-managed encryption keys (the default), against customer-managed keys in Cloud KMS.</summary>
    public string ProviderManagedKeysName => "google-managed";

    public string ControlPlaneComponent => "gke-control-plane";

    public string NatComponent => "cloud-nat";

    public string LoadBalancerComponent => "cloud-load-balancing";

    /// <summary>Persistent Disk types; GKE node pools boot from pd-balanced unless told otherwise.</summary>
    public ImmutableArray<string> StorageClasses { get; } = ["pd-balanced", "pd-ssd", "pd-standard"];

    /// <summary>Persistent volumes on pd-balanced (the GKE default storage class, standard-rwo); objects in Cloud Storage Standard.</summary>
    public ImmutableDictionary<string, string> StoragePriceKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["volume"] = "gce/disk/pd-balanced",
        ["object-storage"] = "gcs/standard-storage",
        // A Service of type LoadBalancer gets a passthrough Network Load Balancer: a forwarding rule, per hour (no book prices it yet).
        ["service-load-balancer"] = "gce/forwarding-rule/hour",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    public ImmutableDictionary<string, string> StorageNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["volume"] = "persistent disks",
        ["object-storage"] = "Cloud Storage",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    public string NodePriceKey(string instanceType) => $"gce/instance/{instanceType}";

    /// <summary>Persistent Disk is billed per GiB-month of its type.</summary>
    public NodeDiskPrice DiskPrice(string storageClass, decimal sizeGb) => new($"gce/disk/{storageClass}", PerDisk: false);

    /// <summary>pd-balanced, pd-ssd and pd-standard scale performance with size: nothing to provision separately (Hyperdisk is not offered here).</summary>
    public ProvisionedPerformance? Performance(string storageClass) => null;

    /// <summary>
    /// GKE's allocatable rules (cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes):
    /// CPU 6% of the first core, 1% of the second, 0.5% of the next two, 0.25% above four; memory
    /// 255 MiB on machines under 1 GiB, else 25% of the first 4 GiB, 20% of the next 4, 10% of the
    /// next 8, 6% of the next 112 and 2% above 128 GiB; plus the 100 MiB eviction threshold.
    /// </summary>
    /// <summary>
    /// GKE does not take f1-micro nodes in any node pool: "f1-micro machines are not supported,
    /// because they do not have sufficient memory to run GKE" (GKE documentation, cluster
    /// architecture, memory and CPU of nodes; the API refuses such a pool with "Node pools of
    /// f1-micro machines are not supported due to insufficient memory"). Other shared-core types
    /// (e2-micro, e2-small, e2-medium, g1-small) are accepted; GKE documents feature limits for
    /// them, not a refusal, so they stay candidates.
    /// </summary>
    public string? NodePoolRefusal(InstanceType type, bool systemPool) =>
        type.Name == "f1-micro" ? "GKE does not support f1-micro nodes: not enough memory to run GKE (GKE documentation, cluster architecture)" : null;

    public NodeReserve Reserve(InstanceType type)
    {
        var cpu = KubeletCpuReserve.Banded(type.VCpu, [(1, 0.06m), (1, 0.01m), (2, 0.005m), (decimal.MaxValue, 0.0025m)]);
        var memory = type.MemoryGiB < 1m ? 255m
            : KubeletCpuReserve.Banded(type.MemoryGiB, [(4, 0.25m), (4, 0.20m), (8, 0.10m), (112, 0.06m), (decimal.MaxValue, 0.02m)]) / 1000m * 1024m;
        return new NodeReserve(cpu, memory + 100m);
    }

    /// <summary>
    /// GKE Autopilot bills each pod's requests: CPU in steps of 0.25 vCPU, memory 1 to 6.5 GiB per
    /// vCPU (cloud.google.com/kubernetes-engine/pricing, Autopilot mode); sizes here are whole GiB.
    /// </summary>
    public ServerlessContainers? Serverless => Autopilot.Value;

    // Built on first use: the table has 112 CPU sizes with up to 26 memory sizes each, and a
    // process that prices no Autopilot cluster should not pay for it at start-up.
    private static readonly Lazy<ServerlessContainers> Autopilot = new(() => new(
        "GKE Autopilot",
        "autopilot",
        [.. Enumerable.Range(1, 4 * 28).Select(AutopilotSize)],
        "gke/autopilot/vcpu-hour",
        "gke/autopilot/gb-hour",
        "smallest Autopilot pod size covering the requests (0.25 vCPU and 0.25 GiB steps, 1-6.5 GiB per vCPU, at least 0.5 GiB)"));

    /// <summary>The Autopilot size of <paramref name="quarterVCpus"/> x 0.25 vCPU: memory from max(0.5 GiB, 1 GiB per vCPU) to 6.5 GiB per vCPU, in 0.25 GiB steps.</summary>
    private static ContainerSize AutopilotSize(int quarterVCpus)
    {
        var vcpu = quarterVCpus * 0.25m;
        var smallest = Math.Max(2, quarterVCpus);
        var largest = quarterVCpus * 13 / 2;
        return new ContainerSize(vcpu, [.. Enumerable.Range(smallest, largest - smallest + 1).Select(q => q * 0.25m)]);
    }

    public IEnumerable<ProviderFact> Facts(EnvironmentSpec environment)
    {
        var at = $"environment '{environment.Name}' cluster.kind";
        yield return new ProviderFact("gke", environment.Cluster.Kind == ClusterKind.ManagedKubernetes ? 1m : 0m, at);
        yield return new ProviderFact("gke_autopilot", environment.Cluster.Kind == ClusterKind.ServerlessContainers ? 1m : 0m, at);
    }
}
