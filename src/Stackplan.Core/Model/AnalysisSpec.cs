using System.Collections.Immutable;

namespace Stackplan.Core.Model;

/// <summary>The spec's <c>analysis:</c> section: TCO scenarios, migration effort, decision weights and volume tables.</summary>
public sealed record AnalysisSpec(
    ImmutableArray<TcoScenario> Tco,
    ImmutableDictionary<string, MigrationEffort> Migration,
    ImmutableDictionary<string, decimal> Weights,
    SourceLocation Location,
    ImmutableArray<VolumeTable> VolumeTables = default)
{
    /// <summary>The <c>analysis.volumes</c> tables, empty when the spec has none.</summary>
    public ImmutableArray<VolumeTable> Volumes => VolumeTables.IsDefault ? [] : VolumeTables;

    public static readonly AnalysisSpec Empty = new([], ImmutableDictionary<string, MigrationEffort>.Empty, ImmutableDictionary<string, decimal>.Empty, SourceLocation.None("spec"));

    /// <summary>The factors a decision matrix scores; <c>analysis.weights</c> may weigh each.</summary>
    public static readonly string[] Factors = ["cost", "operations", "ha", "nist", "setup", "lock-in", "portability", "capabilities"];
}

/// <summary>A monthly figure: stated as a number, or taken from a deployment's estimate.</summary>
public sealed record MonthlyFigure(decimal? Amount, DeploymentRef? Deployment, SourceLocation Location);

/// <summary>Owning the platform: a hardware purchase renewed every <see cref="RefreshYears"/>, its running costs, its staff.</summary>
public sealed record OnPremCosts(decimal Hardware, int RefreshYears, bool HardwareOwned, MonthlyFigure Operations, decimal StaffPerMonth);

/// <summary>Moving: a one-off migration, then a monthly run rate (normally the estimate of a deployment) and staff.</summary>
public sealed record CloudCosts(decimal Migration, MonthlyFigure RunRate, decimal StaffPerMonth);

public sealed record TcoScenario(
    string Name,
    string? Description,
    int Years,
    decimal GrowthPerYear,
    decimal DiscountRate,
    OnPremCosts OnPrem,
    CloudCosts Cloud,
    SourceLocation Location);

public enum MigrationRisk
{
    Low,
    Medium,
    High,
}

/// <summary>What moving a component takes: days of work, the risk, and the components to move first.</summary>
public sealed record MigrationEffort(string Component, decimal EffortDays, MigrationRisk Risk, ImmutableArray<string> After, string? Note, SourceLocation Location);

/// <summary>One side of a volume table: some components of a deployment (all of its lines when <see cref="Components"/> is empty).</summary>
public sealed record VolumeSide(DeploymentRef Deployment, ImmutableArray<string> Components, SourceLocation Location)
{
    public string Label => Components.IsEmpty ? Deployment.ToString() : string.Join(" + ", Components);
}

/// <summary>A named usage point, e.g. "3 users, 10M samples a month": usage key -> value, over the spec's usage.</summary>
public sealed record VolumePoint(string Name, ImmutableDictionary<string, decimal> Usage, SourceLocation Location);

/// <summary>
/// <c>analysis.volumes.NAME</c>: what each side costs a month at each named usage point (seed 000's
/// AMP + AMG table), priced by the same estimate as everything else.
/// </summary>
public sealed record VolumeTable(string Name, string? Description, ImmutableArray<VolumeSide> Sides, ImmutableArray<VolumePoint> Points, SourceLocation Location);
