using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Providers;

namespace Stackplan.Core.Resolve;

/// <summary>A component chosen for a deployment, in its mode, with its settings after every override.</summary>
public sealed record ResolvedComponent(
    Component Component,
    ComponentMode Mode,
    ImmutableDictionary<string, SettingValue> Settings,
    SourceLocation BoundAt)
{
    public string Id => Component.Id;
}

/// <summary>
/// One environment under one hosting option, resolved: the unit every estimate is made of, on one
/// provider in one region (the option's placement, else the environment's, else the spec's).
/// </summary>
public sealed record Deployment(
    DeploymentRef Ref,
    PlatformSpec Spec,
    EnvironmentSpec Environment,
    HostingOption Option,
    ImmutableArray<ResolvedComponent> Components,
    ImmutableArray<UsageEntry> Usage,
    IProviderProfile Provider,
    string Region)
{
    public string Name => Ref.ToString();

    /// <summary>The region as messages name it: with the provider when it is not the spec's own (e.g. "Azure eastus").</summary>
    public string Where => Provider.Id == Spec.Provider ? Region : $"{Provider.DisplayName} {Region}";
}
