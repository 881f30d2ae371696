using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Resolve;

/// <summary>
/// Usage keys that nothing reads. A misspelt key (nat_data_gb_per_mont) changes no figure, so
/// without this check it would pass in silence; a key is read when a formula of a component the
/// spec uses (any option, any environment) names it, or the component declares it as a usage default.
/// </summary>
public static class UsageCheck
{
    /// <summary>One SP2025 warning per usage entry (spec-wide or per environment) that no component reads.</summary>
    public static ImmutableArray<Diagnostic> UnreadKeys(PlatformSpec spec, ComponentCatalog catalog)
    {
        var used = UsedComponents(spec, catalog);
        var read = used.SelectMany(ReadNames).ToHashSet(StringComparer.Ordinal);

        // Only an unread key needs the whole catalog's names (for its hint): reading them builds every component.
        var everyKey = new Lazy<List<string>>(() => [.. ReadKeys(catalog).Order(StringComparer.Ordinal)]);
        var result = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var entry in spec.Usage.Concat(spec.Environments.SelectMany(e => e.Usage)))
        {
            if (!read.Contains(entry.Key))
            {
                var readers = catalog.Components.Where(c => ReadNames(c).Contains(entry.Key, StringComparer.Ordinal)).Select(c => c.Id).ToList();
                var hint = readers.Count > 0
                    ? $"only {string.Join(", ", readers)} read it, and the spec uses none of them"
                    : Spelling.Suggest(entry.Key, read) ?? Spelling.Suggest(entry.Key, everyKey.Value) ?? "remove it, or add the component that reads it";
                result.Add(new Diagnostic(
                    DiagnosticCodes.UnreadUsageKey,
                    entry.Location,
                    $"usage '{entry.Key}' is read by no component this spec uses, so it changes no figure",
                    hint));
            }
        }

        return [.. Diagnostic.InReadingOrder(result)];
    }

    /// <summary>Every usage key some catalog component reads (in a formula, or as an assumed default).</summary>
    public static IReadOnlySet<string> ReadKeys(ComponentCatalog catalog) =>
        catalog.Components.SelectMany(ReadNames).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<Component> UsedComponents(PlatformSpec spec, ComponentCatalog catalog)
    {
        var ids = spec.Capabilities
            .Concat(spec.Options.SelectMany(o => o.Capabilities))
            .Concat(spec.Environments.SelectMany(e => e.Capabilities))
            .Where(b => !b.IsOff)
            .Select(b => b.Component!)
            .Concat(spec.Environments.SelectMany(e => e.Overrides).Select(o => o.Component));
        return ids.Select(catalog.Find).OfType<Component>().Concat(catalog.Components.Where(c => c.Implicit));
    }

    private static IEnumerable<string> ReadNames(Component component) =>
        component.Costs.Concat(component.Modes.SelectMany(m => m.Costs))
            .SelectMany(rule => rule.When is null ? rule.Quantity.Variables : rule.Quantity.Variables.Concat(rule.When.Variables))
            .Concat(component.UsageDefaults.Keys);
}
