using Stackplan.Core.Formulas;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Cli.Commands;

public sealed class CatalogCommand : Command
{
    public override string Name => "catalog";

    public override string Summary => "List the catalog's components, or show one: modes, pod footprints, pricing rules, NIST controls, operations hours.";

    public override string Usage => "list | show <component> [--catalog FILE]";

    public override int MaxPositionals => 2;

    public override int MaxPositionalsFor(string? action) => action == "list" ? 1 : MaxPositionals;

    public override IReadOnlyList<string> Actions { get; } = ["list", "show"];

    public override IReadOnlyList<OptionSpec> Options { get; } = [EstimatingOptions.Catalog, new OptionSpec("capability", "NAME", "list only components filling this capability")];

    public override int Run(Arguments args, CliConsole console)
    {
        var catalog = EstimatingOptions.CreateEstimator(args, console).Catalog;
        var action = args.Positional(0, "action: list or show");
        switch (action)
        {
            case "list":
                List(catalog, args.Get("capability"), console.Out);
                return 0;
            case "show":
                var id = args.Positional(1, "component id (see 'stackplan catalog list')");
                var component = catalog.Find(id) ?? throw new UsageException(DiagnosticCodes.UnknownName, $"no component '{id}' in the catalog", Spelling.Suggest(id, catalog.Ids));
                Show(component, console.Out);
                return 0;
            default:
                throw new UsageException(DiagnosticCodes.UnknownCommand, $"unknown catalog action '{action}'", Spelling.Suggest(action, ["list", "show"]) ?? "use list or show");
        }
    }

    private static void List(ComponentCatalog catalog, string? capability, TextWriter o)
    {
        var rows = catalog.Components.Where(c => capability is null || c.Capability == capability).ToList();
        o.WriteLine($"{"component",-32} {"capability",-24} {"kind",-13} {"lock-in",-8} {"pods",5}  modes");
        foreach (var c in rows.OrderBy(c => c.Capability, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal))
        {
            var pods = PodCount(c.FindMode(c.DefaultMode));
            o.WriteLine($"{c.Id,-32} {c.Capability,-24} {Kind(c),-13} {c.LockIn.ToString().ToLowerInvariant(),-8} {pods,5}  {string.Join(", ", c.Modes.Select(m => m.Name == c.DefaultMode ? m.Name + "*" : m.Name))}");
        }

        o.WriteLine($"\n{rows.Count} components; * marks the default mode.");
    }

    /// <summary>A mode's pod count, or "usage" when it grows with usage.</summary>
    private static string PodCount(ComponentMode? mode) =>
        mode is null ? "0" : mode.Pods.All(p => p.Replicas.Variables.IsEmpty) ? mode.Pods.Sum(p => Constant(p.Replicas)).ToString(System.Globalization.CultureInfo.InvariantCulture) : "usage";

    private static decimal Constant(Formula f) => f.Evaluate(_ => 0m);

    /// <summary>
    /// A pod's figures: as numbers when they read nothing or only the component's own settings
    /// (the chart-default caches' 1.2 x allocatedMemory, say), else as the formulas of usage they are.
    /// </summary>
    private static string Footprint(Component c, PodFootprint p)
    {
        bool FromSettings(Formula f) => f.Variables.All(v => c.Settings.TryGetValue(v, out var s) && s.Number is not null);
        decimal At(Formula f) => f.Evaluate(v => c.Settings[v].Number!.Value.Expected);
        return FromSettings(p.Replicas) && FromSettings(p.CpuMillis) && FromSettings(p.MemoryMiB)
            ? $"x{Formats.Number(At(p.Replicas))}: {Formats.Number(At(p.CpuMillis))}m CPU, {Formats.Number(At(p.MemoryMiB))} MiB"
            : p.Shown;
    }

    private static string Kind(Component c) => c.Kind == ComponentKind.Managed ? "managed" : "self-managed";

    private static void Show(Component c, TextWriter o)
    {
        o.WriteLine($"{c.Id}: {c.Name}");
        o.WriteLine($"  capability {c.Capability}, {Kind(c)}, lock-in {c.LockIn.ToString().ToLowerInvariant()}, setup {c.Setup}{(c.Implicit ? ", implicit (every deployment)" : "")}");
        if (c.Description is not null)
        {
            o.WriteLine($"  {c.Description}");
        }

        o.WriteLine($"  operations: {Formats.Number(c.OpsHoursPerMonth)} h/month ({c.OpsHoursBasis})");
        o.WriteLine($"  defined in {c.SourceFile}");
        if (!c.Settings.IsEmpty)
        {
            o.WriteLine("  settings: " + string.Join(", ", c.Settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}")));
        }

        if (!c.UsageDefaults.IsEmpty)
        {
            o.WriteLine("  usage it reads when the spec omits it: " + string.Join(", ", c.UsageDefaults.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={Formats.Number(s.Value)}")));
        }

        foreach (var mode in c.Modes)
        {
            o.WriteLine($"  mode {mode.Name}{(mode.Name == c.DefaultMode ? " (default)" : "")}: {PodCount(mode)} pods{(mode.DaemonSets.IsEmpty ? "" : $" + {mode.DaemonSets.Length} DaemonSet pod(s) per node")}");
            if (mode.FootprintSource is not null)
            {
                o.WriteLine($"    source: {mode.FootprintSource}");
            }

            if (mode.Limit is { } limit)
            {
                o.WriteLine($"    limit: up to {Formats.Number(limit.Max)} {limit.Unit} ({limit.Source})");
            }

            foreach (var p in mode.Pods)
            {
                o.WriteLine($"    {p.Name} {Footprint(c, p)}");
            }

            foreach (var d in mode.DaemonSets)
            {
                o.WriteLine($"    {d.Name} (per node): {Footprint(c, d)[(Footprint(c, d).IndexOf(':', StringComparison.Ordinal) + 2)..]}");
            }

            foreach (var rule in mode.Costs)
            {
                o.WriteLine($"    cost: {rule.Item} = {rule.Quantity} {rule.Unit} x {rule.PriceKey}");
            }
        }

        foreach (var rule in c.Costs)
        {
            o.WriteLine($"  cost: {rule.Item} = {rule.Quantity} {rule.Unit} x {rule.PriceKey}{(rule.When is null ? "" : $" when {rule.When}")}");
        }

        foreach (var control in c.Controls)
        {
            o.WriteLine($"  NIST {control.ControlId}: {control.How}");
        }
    }
}
