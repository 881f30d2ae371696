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

    public int PodCount => Mode.Pods.Sum(p => p.Replicas);
}

/// <summary>One environment under one hosting option, resolved: the unit every estimate is made of, on one provider.</summary>
public sealed record Deployment(
    DeploymentRef Ref,
    PlatformSpec Spec,
    EnvironmentSpec Environment,
    HostingOption Option,
    ImmutableArray<ResolvedComponent> Components,
    ImmutableArray<UsageEntry> Usage,
    IProviderProfile Provider)
{
    public string Name => Ref.ToString();
}
