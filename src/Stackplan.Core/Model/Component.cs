using System.Collections.Immutable;
using Stackplan.Core.Formulas;

namespace Stackplan.Core.Model;

public enum ComponentKind
{
    /// <summary>Runs as pods the team operates: costs are a share of nodes, storage and operations hours.</summary>
    SelfManaged,

    /// <summary>A provider service priced by usage.</summary>
    Managed,
}

public enum LockIn
{
    None,
    Low,
    Medium,
    High,
}

public enum Category
{
    Networking,
    Compute,
    Storage,
    Metrics,
    Logs,
    Tracing,
    Dashboards,
    Security,
    Backup,
    Data,
    Operations,
    Other,
}

/// <summary>A NIST 800-53 control a component helps with, and one line on how.</summary>
public sealed record ControlSupport(string ControlId, string How);

/// <summary>
/// A pod a component runs: replicas with their requests, from the chart or sizing guide named by
/// the mode's source. Each figure is a formula over usage and settings (a plain number is a
/// constant one), so a component can grow with the volume it handles: <see cref="Replicas"/> is
/// rounded up to whole pods, <see cref="CpuMillis"/> (millicores) and <see cref="MemoryMiB"/>
/// (MiB) up to whole units, as a chart writes requests.
/// </summary>
public sealed record PodFootprint(string Name, Formula Replicas, Formula CpuMillis, Formula MemoryMiB, string Shown)
{
    /// <summary>A footprint that does not depend on usage.</summary>
    public static PodFootprint Fixed(string name, int replicas, decimal cpuMillis, decimal memoryMiB) =>
        new(name, Formula.Constant(replicas), Formula.Constant(cpuMillis), Formula.Constant(memoryMiB),
            $"x{replicas}: {cpuMillis.ToString(System.Globalization.CultureInfo.InvariantCulture)}m CPU, {memoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture)} MiB");

    /// <summary>True when no figure reads a variable.</summary>
    public bool IsConstant => Replicas.Variables.IsEmpty && CpuMillis.Variables.IsEmpty && MemoryMiB.Variables.IsEmpty;
}

/// <summary>
/// The documented ceiling of a mode: <see cref="Usage"/> (a formula over usage and settings, often
/// one usage key) up to <see cref="Max"/> <see cref="Unit"/>, per <see cref="Source"/>. Past it the
/// estimate warns, and <c>mode: auto</c> moves to the next mode.
/// </summary>
public sealed record ModeLimit(Formula Usage, decimal Max, string Unit, string Source);

/// <summary>
/// How one priced item of a component is computed: quantity formula x a price-book price.
/// <see cref="PriceKey"/> may hold {setting} placeholders (docdb/instance/{instance_class}).
/// <see cref="When"/> optionally gates the item on a formula being non-zero.
/// </summary>
public sealed record CostRule(string Item, Category Category, string PriceKey, string Unit, Formula Quantity, Formula? When, string? Note);

public sealed record ComponentMode(
    string Name,
    string? Description,
    string? FootprintSource,
    ImmutableArray<PodFootprint> Pods,
    ImmutableArray<PodFootprint> DaemonSets,
    ImmutableArray<CostRule> Costs,
    ModeLimit? Limit = null,
    PodFootprint? Sidecar = null);

/// <summary>
/// The bulk of a catalog entry: its modes (pods and their formulas) and its cost rules. Read from
/// the catalog the first time a deployment asks for them, so a run builds only the components its
/// spec uses (a compare touches about a sixth of the embedded catalog).
/// </summary>
public sealed record ComponentBody(ImmutableArray<ComponentMode> Modes, ImmutableArray<CostRule> Costs);

/// <summary>A catalog entry: something that can fill a capability, how it runs, what it costs and what it covers.</summary>
/// <param name="ModeNames">The names of <see cref="Modes"/>, in order, known without reading the body.</param>
/// <param name="Body">The modes and cost rules, read on first use (<see cref="ComponentBody"/>).</param>
public sealed record Component(
    string Id,
    string Name,
    string Capability,
    ComponentKind Kind,
    string? Description,
    LockIn LockIn,
    string Setup,
    decimal OpsHoursPerMonth,
    string OpsHoursBasis,
    ImmutableArray<ControlSupport> Controls,
    ImmutableDictionary<string, SettingValue> Settings,
    string DefaultMode,
    ImmutableArray<string> ModeNames,
    Lazy<ComponentBody> Body,
    ImmutableDictionary<string, decimal> UsageDefaults,
    bool Implicit,
    string SourceFile,
    string? Provider = null,
    bool KubernetesOnly = false)
{
    /// <summary>Whether a deployment on <paramref name="provider"/> can use it: a provider's own service, or one that runs anywhere (Provider null).</summary>
    public bool RunsOn(string provider) => Provider is null || Provider == provider;

    /// <summary>The ways it can run (at least one), each with its pods and costs.</summary>
    public ImmutableArray<ComponentMode> Modes => Body.Value.Modes;

    /// <summary>The cost rules every mode shares.</summary>
    public ImmutableArray<CostRule> Costs => Body.Value.Costs;

    public ComponentMode? FindMode(string name) => ModeNames.Contains(name) ? Modes.FirstOrDefault(m => m.Name == name) : null;
}
