using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Sizing;

namespace Stackplan.Core.Providers.Azure;

/// <summary>
/// Microsoft Azure: AKS clusters (Free, Standard or Premium cluster management) of VM scale-set
/// nodes with managed OS disks. Serverless containers (Azure Container Apps) are not priced: no
/// cited price was found, so a spec asking for them is refused rather than priced wrongly.
/// </summary>
public sealed partial class AzureProfile : IProviderProfile
{
    public static AzureProfile Instance { get; } = new();

    private AzureProfile()
    {
    }

    public string Id => "azure";

    public string DisplayName => "Azure";

    /// <summary>The 57 ARM regions the Azure Retail Prices API priced Linux VMs in (Azure/karpenter-provider-azure generated pricing, 2026-06-18).</summary>
    public ImmutableArray<string> Regions { get; } =
    [
        "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast", "brazilsouth", "brazilsoutheast",
        "canadacentral", "canadaeast", "centralindia", "centralus", "chilecentral", "eastasia", "eastus", "eastus2", "francecentral",
        "francesouth", "germanynorth", "germanywestcentral", "indonesiacentral", "israelcentral", "italynorth", "japaneast", "japanwest",
        "jioindiacentral", "jioindiawest", "koreacentral", "koreasouth", "malaysiawest", "mexicocentral", "newzealandnorth",
        "northcentralus", "northeurope", "norwayeast", "norwaywest", "polandcentral", "qatarcentral", "southafricanorth",
        "southafricawest", "southcentralus", "southeastasia", "southindia", "spaincentral", "swedencentral", "swedensouth",
        "switzerlandnorth", "switzerlandwest", "uaecentral", "uaenorth", "uksouth", "ukwest", "westcentralus", "westeurope",
        "westindia", "westus", "westus2", "westus3",
    ];

    public string DefaultRegion => "eastus";

    public ImmutableDictionary<string, ClusterKind> ClusterKindNames { get; } = new Dictionary<string, ClusterKind>(StringComparer.Ordinal)
    {
        ["aks"] = ClusterKind.ManagedKubernetes,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Azure's term for keys it holds: platform-managed keys (PMK), against customer-managed keys in Key Vault.</summary>
    public string ProviderManagedKeysName => "platform-managed";

    public string ControlPlaneComponent => "aks-control-plane";

    public string NatComponent => "azure-nat-gateway";

    public string LoadBalancerComponent => "azure-load-balancer";

    /// <summary>Managed-disk types an AKS node's OS disk may take (Premium SSD first: AKS's default for VM sizes that support it).</summary>
    public ImmutableArray<string> StorageClasses { get; } = ["premium-ssd", "standard-ssd"];

    /// <summary>Disk size tiers in GiB and their names' numbers (P1 4 GiB ... P80 32,767 GiB; Standard SSD E tiers alike).</summary>
    private static readonly (decimal Gib, int Tier)[] DiskTiers =
        [(4, 1), (8, 2), (16, 3), (32, 4), (64, 6), (128, 10), (256, 15), (512, 20), (1024, 30), (2048, 40), (4096, 50), (8192, 60), (16384, 70), (32767, 80)];

    /// <summary>Persistent volumes on Premium SSD v2 (billed per GiB-month, unlike the tiered OS disks); objects in Blob Storage, hot tier, LRS.</summary>
    public ImmutableDictionary<string, string> StoragePriceKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["volume"] = "azure/managed-disk/premium-ssd-v2",
        ["object-storage"] = "azure/blob/hot-lrs",
        // A Service of type LoadBalancer adds a rule to the cluster's Standard Load Balancer, per hour (no book prices it yet).
        ["service-load-balancer"] = "azure/load-balancer/rule-hour",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    public ImmutableDictionary<string, string> StorageNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["volume"] = "managed disks",
        ["object-storage"] = "Blob Storage",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    public string NodePriceKey(string instanceType) => $"azure/vm/{instanceType}";

    /// <summary>
    /// Managed disks are billed per disk of the smallest size tier holding the size asked for
    /// (MicrosoftDocs "Understand Azure Disk Storage billing"): 20 GiB of Premium SSD is a P4.
    /// A size beyond the largest tier keeps the largest tier's key, which no book prices.
    /// </summary>
    public NodeDiskPrice DiskPrice(string storageClass, decimal sizeGb)
    {
        var prefix = storageClass == "standard-ssd" ? "e" : "p";
        var tier = DiskTiers.FirstOrDefault(t => t.Gib >= sizeGb, (Gib: sizeGb, Tier: 0)).Tier;
        return new NodeDiskPrice(tier == 0 ? $"azure/managed-disk/{storageClass}/over-{DiskTiers[^1].Gib}" : $"azure/managed-disk/{prefix}{tier}", PerDisk: true);
    }

    /// <summary>
    /// The AKS reserve for 1.29 and later (MicrosoftDocs azure-aks-docs, "Node resource reservations"):
    /// CPU 60 m for the first core, 40 m for the second, 20 m each for the third and fourth, 10 m
    /// each above (the table 60/100/140/180/260/420/740 m at 1/2/4/8/16/32/64 cores); memory the
    /// smaller of 20 MB per pod the node can hold + 50 MB and 25% of the machine's memory, plus the
    /// 100 Mi hard eviction threshold.
    /// </summary>
    /// <summary>
    /// AKS system node pools: the VM size needs at least 2 vCPUs and 4 GB of memory (Azure
    /// Resource Manager API reference, AgentPoolMode.System: "System agent pools VM SKU must have
    /// at least 2vCPUs and 4GB of memory"), and B-series VMs are not supported (Microsoft Learn,
    /// "Manage system node pools in Azure Kubernetes Service (AKS)", system and user node pools
    /// limitations). User pools take any size.
    /// </summary>
    public string? NodePoolRefusal(InstanceType type, bool systemPool) =>
        !systemPool ? null
        : BurstableSeries().IsMatch(type.Name) ? "B-series VMs are not supported for AKS system node pools (Microsoft Learn, Manage system node pools in AKS)"
        : type.VCpu < 2 || type.MemoryGiB < 4 ? "AKS system node pools need a VM size of at least 2 vCPUs and 4 GB of memory (AgentPoolMode.System, Azure Resource Manager API)"
        : null;

    [System.Text.RegularExpressions.GeneratedRegex("^Standard_B[0-9]")]
    private static partial System.Text.RegularExpressions.Regex BurstableSeries();

    public NodeReserve Reserve(InstanceType type)
    {
        var cpu = KubeletCpuReserve.Banded(type.VCpu, [(1, 0.06m), (1, 0.04m), (2, 0.02m), (decimal.MaxValue, 0.01m)]);
        var kubeReserved = Math.Min((20m * type.MaxPods) + 50m, type.MemoryGiB * 1024m * 0.25m);
        return new NodeReserve(cpu, kubeReserved + 100m);
    }

    /// <summary>Premium SSD and Standard SSD tiers carry their performance in the tier's price: nothing to provision separately.</summary>
    public ProvisionedPerformance? Performance(string storageClass) => null;

    public ServerlessContainers? Serverless => null;

    /// <summary>The AKS pricing tier flags the AKS catalog entries read.</summary>
    public IEnumerable<ProviderFact> Facts(EnvironmentSpec environment)
    {
        yield return new ProviderFact("aks", environment.Cluster.Kind == ClusterKind.ManagedKubernetes ? 1m : 0m, $"environment '{environment.Name}' cluster.kind");
    }
}
