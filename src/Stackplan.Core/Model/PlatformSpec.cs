using System.Collections.Immutable;

namespace Stackplan.Core.Model;

/// <summary>A platform as its spec file describes it, with every environment's <c>extends</c> already applied.</summary>
public sealed record PlatformSpec(
    int Version,
    string Name,
    string Provider,
    string Region,
    string Currency,
    ImmutableArray<UsageEntry> Usage,
    ImmutableArray<CapabilityBinding> Capabilities,
    ImmutableArray<Workload> Workloads,
    ImmutableArray<EnvironmentSpec> Environments,
    ImmutableArray<HostingOption> Options,
    ImmutableArray<DeploymentRef> Compare,
    ImmutableArray<UserPrice> Prices,
    ImmutableArray<UserLineItem> LineItems,
    ImmutableArray<InstanceTypeSpec> InstanceTypes,
    Labour? Labour,
    bool ApplyFreeTiers,
    SourceLocation Location,
    ImmutableArray<Suppression> Suppressions,
    AnalysisSpec? AnalysisSection = null,
    ImmutableArray<NegotiatedDiscount> Discounts = default)
{
    /// <summary>The spec's negotiated discounts, empty when it has none.</summary>
    public ImmutableArray<NegotiatedDiscount> NegotiatedDiscounts => Discounts.IsDefault ? [] : Discounts;

    /// <summary>The negotiated discount whose family is the longest prefix of <paramref name="priceKey"/>, if any (it applies to the books' list prices, not to the spec's own).</summary>
    public NegotiatedDiscount? DiscountFor(string priceKey) =>
        NegotiatedDiscounts
            .Where(d => priceKey == d.Family || priceKey.StartsWith(d.Family + "/", StringComparison.Ordinal))
            .OrderByDescending(d => d.Family.Length)
            .FirstOrDefault();

    /// <summary>The <c>analysis:</c> section, empty when the spec has none.</summary>
    public AnalysisSpec Analysis => AnalysisSection ?? AnalysisSpec.Empty;

    public EnvironmentSpec? FindEnvironment(string name) => Environments.FirstOrDefault(e => e.Name == name);

    public HostingOption? FindOption(string name) => Options.FirstOrDefault(o => o.Name == name);

    /// <summary>The deployments to evaluate: those listed under <c>compare</c>, else every environment under every option.</summary>
    public ImmutableArray<DeploymentRef> DeploymentsToCompare() =>
        !Compare.IsEmpty ? Compare
            : [.. Environments.SelectMany(e => Options.Select(o => new DeploymentRef(e.Name, o.Name, e.Location)))];
}

/// <summary>
/// A discount off list prices the spec's organisation has negotiated (an enterprise agreement,
/// private pricing): every price whose key starts with <see cref="Family"/> (a key prefix such as
/// ec2 or ec2/instance; the longest matching one wins) is multiplied by 1 - <see cref="Share"/>.
/// <see cref="Source"/> names the contract, since the figure is the spec's, not a price book's.
/// </summary>
public sealed record NegotiatedDiscount(string Family, ValueRange Share, string Source, SourceLocation Location);

/// <summary>
/// A named usage volume such as logs_gb_per_day: one value or a low/expected/high range.
/// <paramref name="Location"/> is where its key is written, <paramref name="ValueLocation"/> where its value is;
/// <paramref name="OnCommandLine"/> marks a value given with --usage, which has no place in a file.
/// </summary>
public sealed record UsageEntry(string Key, ValueRange Value, string? Description, SourceLocation Location, bool OnCommandLine = false, SourceLocation? ValueLocation = null);

/// <summary>A capability filled by a catalog component, in one of its modes, with setting overrides.</summary>
public sealed record CapabilityBinding(
    string Capability,
    string? Component,
    string? Mode,
    ImmutableDictionary<string, SettingValue> Settings,
    SourceLocation Location)
{
    /// <summary>A binding with no component turns the capability off.</summary>
    public bool IsOff => Component is null;
}

/// <summary>
/// A setting: a number (possibly a range) or a word such as an instance class, with where its value
/// was written (a spec or catalog file), so a value that breaks a formula or names no price is blamed there.
/// </summary>
/// <remarks>A class, not a struct: immutable dictionaries over a reference type share the runtime's
/// precompiled code, where a struct instantiation is compiled at every start-up.</remarks>
public sealed record SettingValue(ValueRange? Number, string? Text, SourceLocation? Location = null)
{
    public static SettingValue Of(decimal value) => new(ValueRange.Exactly(value), null);

    public static SettingValue Of(string text) => new(null, text);

    public override string ToString() => Text ?? Number?.ToString() ?? "";
}

public enum WorkloadKind
{
    Service,
    Job,
    DaemonSet,
}

/// <summary>
/// The team's own services and scheduled jobs, sized by their requests. <see cref="Replicas"/> is a
/// range for a service that autoscales between min and max.
/// </summary>
public sealed record Workload(
    string Name,
    WorkloadKind Kind,
    ValueRange Replicas,
    decimal CpuMillis,
    decimal MemoryMiB,
    ValueRange? RunHoursPerMonth,
    string? NodeGroup,
    SourceLocation Location);

public enum NatGatewayMode
{
    None,
    Single,
    PerAz,
}

/// <summary>
/// What runs the pods, in provider-neutral terms; each provider profile names its own service
/// (EKS, ECS on Fargate...) as a spec word for one of these.
/// </summary>
public enum ClusterKind
{
    /// <summary>The provider's managed Kubernetes control plane with node groups of its VMs.</summary>
    ManagedKubernetes,

    /// <summary>The provider's serverless containers: tasks billed by their vCPU and memory size, no nodes.</summary>
    ServerlessContainers,

    /// <summary>Kubernetes on the team's own servers, priced by the spec's own prices.</summary>
    KubernetesOnprem,
}

public enum EndpointAccess
{
    Public,
    Private,
    PublicAndPrivate,
}

public enum CapacityType
{
    OnDemand,
    Spot,
}

/// <summary>
/// The cluster; <paramref name="KindProvider"/> is the provider whose own word the spec used for the
/// kind (e.g. "aws" for eks), null for a neutral word; <paramref name="Fargate"/> how serverless
/// container tasks run, when the spec says.
/// </summary>
/// <param name="KubernetesOnServerless">The serverless service runs the pods of a managed Kubernetes cluster (EKS on Fargate profiles): the control plane is paid, cluster add-ons run as pods, and each pod carries the service's Kubernetes overhead.</param>
public sealed record ClusterSpec(ClusterKind Kind, EndpointAccess Endpoint, bool ExtendedSupport, string? KindProvider = null, ServerlessSpec? Serverless = null, bool KubernetesOnServerless = false);

public enum CpuArchitecture
{
    X86_64,
    Arm64,
}

/// <summary>
/// How serverless container tasks run (cluster.fargate on AWS): CPU architecture (Arm is priced
/// apart) and capacity. Spot capacity has no fixed price, so, as for spot nodes, the spec states
/// the discount it assumes.
/// </summary>
public sealed record ServerlessSpec(CpuArchitecture Architecture, CapacityType Capacity, ValueRange? SpotDiscount);

/// <summary>
/// A node's root disk; a null <paramref name="VolumeType"/> is the provider's default storage class.
/// <paramref name="Iops"/> and <paramref name="ThroughputMiBps"/> are what is provisioned per volume
/// (gp3 includes 3,000 IOPS and 125 MiB/s; io1/io2 bill every IOPS).
/// </summary>
public sealed record DiskSpec(decimal SizeGb, string? VolumeType, decimal? Iops = null, decimal? ThroughputMiBps = null);

/// <summary>
/// A node group: a fixed <c>count</c>, or <c>min</c>/<c>max</c> for an autoscaling group whose
/// cost is a range. Spot groups take their discount from the spec, since AWS publishes no
/// fixed spot price. <c>hoursPerMonth</c> prices scale-to-zero groups by the hours they run.
/// <c>purchase</c> names a commitment (<see cref="Purchase"/>: null is on-demand), priced only by
/// a book that holds that commitment's rate, never by the on-demand price.
/// </summary>
public sealed record NodeGroupSpec(
    string Name,
    string InstanceType,
    int? Count,
    int? Min,
    int? Max,
    CapacityType Capacity,
    ValueRange? SpotDiscount,
    DiskSpec Disk,
    ValueRange? HoursPerMonth,
    bool Dedicated,
    SourceLocation Location,
    string? Purchase = null,
    int? MaxPods = null,
    ImmutableDictionary<string, SourceLocation>? ValueLocations = null)
{
    public bool IsAutoscaling => Count is null;

    /// <summary>Where the value of <paramref name="key"/> (instanceType, count, min, max: what a spec patch edits; disk.type) was written, if it was.</summary>
    public SourceLocation? ValueLocation(string key) => ValueLocations?.GetValueOrDefault(key);

    public int DeclaredCount => Count ?? Min ?? 0;
}

public sealed record BastionSpec(string InstanceType, SourceLocation Location);

public sealed record RetentionSpec(decimal LogsDays, decimal MetricsDays, decimal TracesDays);

public sealed record BackupSpec(bool Enabled, decimal RetentionDays, bool CrossRegion, bool RestoreTested);

/// <summary>Who holds the keys data at rest is encrypted with.</summary>
public enum KeyManagement
{
    None,

    /// <summary>Keys the provider creates and rotates (AWS-managed, platform-managed, Google-owned).</summary>
    ProviderManaged,

    /// <summary>Keys the team creates, rotates and audits in the provider's key management service.</summary>
    CustomerManaged,
}

/// <summary>Encryption at rest; <paramref name="KmsProvider"/> is the provider whose own word the spec used for the keys (e.g. "aws" for aws-managed), null for a neutral word.</summary>
public sealed record EncryptionSpec(KeyManagement Kms, bool AtRest, string? KmsProvider = null);

/// <summary>Per-environment override of one component: turn it off, pick another mode, change settings.</summary>
public sealed record ComponentOverride(
    string Component,
    bool Off,
    string? Mode,
    ImmutableDictionary<string, SettingValue> Settings,
    SourceLocation Location);

public sealed record EnvironmentSpec(
    string Name,
    string Tier,
    int Zones,
    NatGatewayMode NatGateways,
    ClusterSpec Cluster,
    ImmutableArray<NodeGroupSpec> NodeGroups,
    BastionSpec? Bastion,
    RetentionSpec Retention,
    BackupSpec Backups,
    EncryptionSpec Encryption,
    bool DeletionProtection,
    ImmutableArray<UsageEntry> Usage,
    ImmutableArray<ComponentOverride> Overrides,
    ImmutableArray<CapabilityBinding> Capabilities,
    ImmutableArray<UserLineItem> LineItems,
    ImmutableDictionary<string, string> Policies,
    SourceLocation Location,
    ImmutableDictionary<string, SourceLocation> SettingLocations,
    Placement? Placement = null)
{
    /// <summary>
    /// Where a setting such as "cluster.endpoint" was written (in this environment or the one it
    /// extends); for a setting the spec leaves out, where its nearest written parent is, else the
    /// environment's own key.
    /// </summary>
    public SourceLocation LocationOf(string settingPath)
    {
        for (var path = settingPath; path.Length > 0; path = path.LastIndexOf('.') is var dot and > 0 ? path[..dot] : "")
        {
            if (SettingLocations.TryGetValue(path, out var at))
            {
                return at;
            }
        }

        return Location;
    }
}

/// <summary>A hosting alternative: which component fills each capability it replaces, and on which provider and region if it moves the platform.</summary>
public sealed record HostingOption(
    string Name,
    string? Description,
    ImmutableArray<CapabilityBinding> Capabilities,
    ImmutableArray<UserLineItem> LineItems,
    SourceLocation Location,
    Placement? Placement = null);

/// <summary>
/// Where an environment or option puts the platform: a provider and/or a region that replace the
/// spec's own, so one spec prices the same platform on several clouds. <paramref name="Location"/>
/// is where the provider (else the region) is written.
/// </summary>
public sealed record Placement(string? Provider, string? Region, SourceLocation Location);

public sealed record DeploymentRef(string Environment, string Option, SourceLocation Location)
{
    public override string ToString() => $"{Environment}/{Option}";
}

/// <summary>A price the user supplies for what no price book holds (on-prem hardware, a negotiated rate).</summary>
public sealed record UserPrice(string Key, string Unit, decimal Amount, string Source, string? AsOf, SourceLocation Location);

/// <summary>
/// A cost the user states directly: quantity x unit price, with where the price comes from.
/// <see cref="Resource"/> names the infrastructure resource the line prices (a Terraform address
/// such as <c>module.eks.aws_eks_node_group.general[0]</c>); <see cref="Region"/> prices it in a
/// region other than the spec's (an aliased provider); <see cref="Note"/> says how the quantity was derived.
/// </summary>
public sealed record UserLineItem(
    string Item,
    string Category,
    ValueRange Quantity,
    string Unit,
    decimal? UnitPrice,
    string? PriceKey,
    string? Source,
    SourceLocation Location,
    string? Resource = null,
    string? Region = null,
    string? Note = null);

/// <summary>An instance type the built-in table lacks, typically an on-prem server.</summary>
public sealed record InstanceTypeSpec(string Name, decimal VCpu, decimal MemoryGiB, int MaxPods, SourceLocation Location);

/// <summary>The labour rate that turns operations hours into money.</summary>
public sealed record Labour(decimal RatePerHour, string Source, SourceLocation Location);
