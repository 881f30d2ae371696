using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Providers;

namespace Stackplan.Core.Resolve;

/// <summary>
/// Picks, for one environment under one option, the component filling each capability: the
/// spec's capabilities, replaced by the option's, replaced by the environment's; then the
/// environment's per-component overrides (off, mode, settings). Implicit platform components
/// (cluster control plane, NAT gateways...) are always added; their own rules decide if they cost.
/// </summary>
public static class Resolver
{
    public static Deployment Resolve(
        PlatformSpec spec,
        ComponentCatalog catalog,
        DeploymentRef target,
        IReadOnlyDictionary<string, ValueRange>? usageOverrides = null)
    {
        var bag = new DiagnosticBag();
        var environment = spec.FindEnvironment(target.Environment);
        var option = spec.FindOption(target.Option);
        if (environment is null || option is null)
        {
            var (kind, name, known) = environment is null
                ? ("environment", target.Environment, spec.Environments.Select(e => e.Name))
                : ("option", target.Option, spec.Options.Select(o => o.Name));
            throw new InputException(DiagnosticCodes.UnknownReference, target.Location, $"no {kind} named '{name}' in the spec (it has: {string.Join(", ", known)})", Spelling.Suggest(name, known));
        }

        var bindings = new Dictionary<string, CapabilityBinding>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var layer in new[] { spec.Capabilities, option.Capabilities, environment.Capabilities })
        {
            foreach (var binding in layer)
            {
                if (!bindings.ContainsKey(binding.Capability))
                {
                    order.Add(binding.Capability);
                }

                bindings[binding.Capability] = binding;
            }
        }

        var (provider, region) = Place(spec, environment, option, bag);
        CheckProviderWords(environment, provider, bag);
        var components = ImmutableArray.CreateBuilder<ResolvedComponent>();
        foreach (var implicitComponent in catalog.Components.Where(c => c.Implicit && c.RunsOn(provider.Id)))
        {
            // The environment may still set an implicit component's settings (the AKS tier, say) or turn it off.
            var settings = implicitComponent.Settings;
            var off = false;
            var at = spec.Location;
            foreach (var o in environment.Overrides.Where(o => o.Component == implicitComponent.Id))
            {
                off = o.Off;
                settings = settings.SetItems(o.Settings);
                at = o.Location;
            }

            if (!off)
            {
                CheckSettings(implicitComponent, settings, at, bag);
                components.Add(new ResolvedComponent(implicitComponent, implicitComponent.FindMode(implicitComponent.DefaultMode)!, settings, at));
            }
        }

        var capabilities = catalog.Components.Select(c => c.Capability).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var slot in order)
        {
            var binding = bindings[slot];

            // "metrics/container-insights" is a second slot of capability "metrics": an add-on
            // running beside the component that fills "metrics".
            var capability = slot.Split('/')[0];
            if (!capabilities.Contains(capability, StringComparer.Ordinal))
            {
                // A misspelt capability would otherwise add a component beside the one it meant to replace.
                bag.Add(DiagnosticCodes.UnknownCapability, binding.Location, $"unknown capability '{capability}'", Spelling.Suggest(capability, capabilities) ?? $"capabilities: {string.Join(", ", capabilities)}; an add-on beside another component is written 'capability/name'");
                continue;
            }

            if (binding.IsOff)
            {
                continue;
            }

            var component = catalog.Find(binding.Component!);
            if (component is null)
            {
                bag.Add(DiagnosticCodes.UnknownComponent, binding.Location, $"unknown component '{binding.Component}' for capability '{capability}'", Spelling.Suggest(binding.Component!, catalog.Ids) ?? "run 'stackplan catalog list' to see the components");
                continue;
            }

            if (component.Capability != capability)
            {
                var fitting = catalog.Components.Where(c => c.Capability == capability).Select(c => c.Id);
                bag.Add(DiagnosticCodes.WrongCapability, binding.Location, $"{component.Id} fills '{component.Capability}', not '{capability}'", $"for '{capability}' use one of: {string.Join(", ", fitting)}");
                continue;
            }

            var modeName = binding.Mode ?? component.DefaultMode;
            var settings = component.Settings.SetItems(binding.Settings);
            var modeAt = binding.Location;
            var off = false;
            foreach (var o in environment.Overrides.Where(o => o.Component == component.Id))
            {
                off = o.Off;
                modeName = o.Mode ?? modeName;
                settings = settings.SetItems(o.Settings);
                modeAt = o.Location;
            }

            if (off)
            {
                continue;
            }

            var mode = modeName == ModeSelection.Auto && ModeSelection.CanChoose(component) ? ModeSelection.AutoMode(component) : component.FindMode(modeName);
            if (mode is null)
            {
                var modes = component.Modes.Select(m => m.Name).Concat(ModeSelection.CanChoose(component) ? [ModeSelection.Auto] : []);
                bag.Add(DiagnosticCodes.UnknownMode, modeAt, $"component '{component.Id}' has no mode '{modeName}' (it has: {string.Join(", ", modes)})", Spelling.Suggest(modeName, modes));
                continue;
            }

            CheckSettings(component, settings, binding.Location, bag);
            components.Add(new ResolvedComponent(component, mode, settings, binding.Location));
        }

        foreach (var o in environment.Overrides.Where(o => catalog.Find(o.Component) is null))
        {
            bag.Add(DiagnosticCodes.UnknownComponent, o.Location, $"environment '{environment.Name}' overrides unknown component '{o.Component}'", Spelling.Suggest(o.Component, catalog.Ids));
        }

        bag.ThrowIfAny();
        return new Deployment(target, spec, environment, option, components.ToImmutable(), MergeUsage(spec, environment, usageOverrides), provider, region);
    }

    /// <summary>
    /// The provider and region a deployment is priced in: the option's placement, else the
    /// environment's, else the spec's. A provider set without a region takes that provider's
    /// default region, since the spec's region belongs to the spec's provider. A region the
    /// provider does not have is an error with the nearest spelling.
    /// </summary>
    private static (IProviderProfile Provider, string Region) Place(PlatformSpec spec, EnvironmentSpec environment, HostingOption option, DiagnosticBag bag)
    {
        var providerId = option.Placement?.Provider ?? environment.Placement?.Provider ?? spec.Provider;
        var provider = ProviderProfiles.Get(providerId);
        var placed = option.Placement?.Region is not null ? option.Placement : environment.Placement?.Region is not null ? environment.Placement : null;
        var region = placed?.Region ?? (providerId == spec.Provider ? spec.Region : provider.DefaultRegion);
        if (placed is not null && !provider.Regions.Contains(region))
        {
            bag.Add(DiagnosticCodes.UnsupportedProvider, placed.Location, $"unknown {provider.DisplayName} region '{region}'", Spelling.Suggest(region, provider.Regions) ?? $"{provider.Id} regions: {string.Join(", ", provider.Regions)}");
        }

        return (provider, region);
    }

    /// <summary>A provider's own word for a cluster kind or its keys names that provider's service; on another provider it is an error, with the words that fit.</summary>
    private static void CheckProviderWords(EnvironmentSpec environment, IProviderProfile provider, DiagnosticBag bag)
    {
        if (environment.Cluster.KindProvider is { } kindProvider && kindProvider != provider.Id)
        {
            var words = ProviderProfiles.NeutralClusterKindNames.Keys.Concat(provider.ClusterKindNames.Keys).Order(StringComparer.Ordinal);
            bag.Add(DiagnosticCodes.UnsupportedProvider, environment.LocationOf("cluster.kind"), $"environment '{environment.Name}' cluster.kind names {ProviderProfiles.Get(kindProvider).DisplayName}'s own service, but the deployment is priced on {provider.DisplayName}", $"cluster.kind on {provider.Id}: {string.Join(", ", words)}");
        }

        if (environment.Encryption.KmsProvider is { } kmsProvider && kmsProvider != provider.Id)
        {
            bag.Add(DiagnosticCodes.UnsupportedProvider, environment.LocationOf("encryption.kms"), $"environment '{environment.Name}' encryption.kms names {ProviderProfiles.Get(kmsProvider).DisplayName}'s own keys, but the deployment is priced on {provider.DisplayName}", $"use '{provider.ProviderManagedKeysName}' or 'provider-managed'");
        }
    }

    /// <summary>Settings the component lacks, and words where it takes a number: at the value the spec writes (<paramref name="at"/>, the component's binding, when the value has no place, as a catalog default).</summary>
    private static void CheckSettings(Component component, ImmutableDictionary<string, SettingValue> settings, SourceLocation at, DiagnosticBag bag)
    {
        foreach (var key in settings.Keys.Where(k => !component.Settings.ContainsKey(k)))
        {
            bag.Add(DiagnosticCodes.UnknownSetting, settings[key].Location ?? at, $"component '{component.Id}' has no setting '{key}'", Spelling.Suggest(key, component.Settings.Keys) ?? $"its settings: {string.Join(", ", component.Settings.Keys.Order(StringComparer.Ordinal))}");
        }

        // A word where the catalog's default is a number would leave the formula without a value.
        foreach (var (key, value) in settings.Where(s => s.Value.Number is null && component.Settings.TryGetValue(s.Key, out var d) && d.Number is not null).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            bag.Add(DiagnosticCodes.WrongType, value.Location ?? at, $"{component.Id} setting {key} must be a number, not '{value.Text}'");
        }
    }

    /// <summary>Spec usage, then the environment's, then the command line's: the last one wins per key.</summary>
    private static ImmutableArray<UsageEntry> MergeUsage(PlatformSpec spec, EnvironmentSpec environment, IReadOnlyDictionary<string, ValueRange>? overrides)
    {
        var merged = spec.Usage.ToDictionary(u => u.Key, StringComparer.Ordinal);
        foreach (var u in environment.Usage)
        {
            merged[u.Key] = u;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, ValueRange>())
        {
            merged[key] = merged.TryGetValue(key, out var existing)
                ? existing with { Value = value, Description = "set on the command line", OnCommandLine = true }
                : new UsageEntry(key, value, "set on the command line", SourceLocation.None("command line"), OnCommandLine: true);
        }

        return [.. spec.Usage.Select(u => merged[u.Key]).Concat(merged.Values.Where(u => spec.Usage.All(s => s.Key != u.Key)))];
    }
}
