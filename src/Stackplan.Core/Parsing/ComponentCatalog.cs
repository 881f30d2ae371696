using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Formulas;
using Stackplan.Core.Resolve;

namespace Stackplan.Core.Parsing;

/// <summary>
/// The components Stackplan knows. Built from YAML data files: the embedded ones first, then
/// the user's, whose entries add to or replace embedded entries with the same id.
/// </summary>
public sealed class ComponentCatalog
{
    private readonly ImmutableDictionary<string, Component> _byId;

    private ComponentCatalog(ImmutableArray<Component> components)
    {
        Components = components;
        _byId = components.ToImmutableDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>Every component, ordered by id for deterministic output.</summary>
    public ImmutableArray<Component> Components { get; }

    public Component? Find(string id) => _byId.GetValueOrDefault(id);

    public IEnumerable<string> Ids => Components.Select(c => c.Id);

    /// <summary>Builds a catalog from (file name, YAML text) pairs; later files override earlier ones by id.</summary>
    public static ComponentCatalog Load(IEnumerable<SourceText> files) => Load(files.Select(YamlDocument.Parse));

    /// <summary>Builds a catalog from YAML files already read (each read as it is enumerated); later files override earlier ones by id.</summary>
    /// <exception cref="InputException">Any file has an error (every error of every file, in reading order).</exception>
    public static ComponentCatalog Load(IEnumerable<YamlDocument> files) => Load([], files);

    /// <summary>
    /// Builds a catalog from trusted files whose components' bodies (<see cref="ComponentBody"/>) are
    /// read on first use, then other files read in full; later files override earlier ones by id.
    /// </summary>
    /// <remarks>
    /// The embedded catalog is trusted: its tests read every body, so a run pays only for the
    /// components its spec uses. A user's files are read in full here, so their errors all show at once.
    /// </remarks>
    /// <exception cref="InputException">A file has an error (for trusted files, outside the bodies).</exception>
    public static ComponentCatalog Load(IEnumerable<YamlDocument> trusted, IEnumerable<YamlDocument> files)
    {
        var bag = new DiagnosticBag();
        var byId = new Dictionary<string, Component>(StringComparer.Ordinal);
        foreach (var (documents, deferBodies) in new[] { (trusted, true), (files, false) })
        {
            foreach (var (fileName, root) in documents)
            {
                foreach (var component in ReadFile(new YamlFieldReader(bag), root, fileName, deferBodies))
                {
                    byId[component.Id] = component;
                }
            }
        }

        bag.ThrowIfAny();
        return new ComponentCatalog([.. byId.Values.OrderBy(c => c.Id, StringComparer.Ordinal)]);
    }

    private static readonly string[] ComponentKeys =
    [
        "name", "capability", "kind", "description", "lockIn", "setup", "opsHoursPerMonth", "opsHoursBasis", "controls",
        "settings", "defaultMode", "modes", "costs", "usage", "implicit", "provider", "kubernetesOnly",
    ];

    private static IEnumerable<Component> ReadFile(YamlFieldReader r, YamlNode? root, string fileName, bool deferBodies)
    {
        var map = r.Mapping(root, "a catalog file");
        if (map is null)
        {
            yield break;
        }

        r.CheckKeys(map, "a catalog file", "components");
        foreach (var (key, value) in r.Mapping(map["components"], "components")?.Entries ?? [])
        {
            if (r.Mapping(value, "component " + key.Value) is { } m)
            {
                yield return ReadComponent(r, key.Value, m, fileName, deferBodies);
            }
        }
    }

    private static Component ReadComponent(YamlFieldReader r, string id, YamlMapping m, string fileName, bool deferBody)
    {
        var what = "component " + id;
        r.CheckKeys(m, what, ComponentKeys);
        var kind = r.Enum<ComponentKind>(m["kind"], what + ".kind") ?? ComponentKind.Managed;
        var modesMap = r.Mapping(m["modes"], what + ".modes");
        ImmutableArray<string> modeNames = modesMap is { Entries.Count: > 0 } ? [.. modesMap.Entries.Select(e => e.Key.Value)] : [DefaultModeName];
        var defaultMode = r.String(m["defaultMode"], what + ".defaultMode", modeNames[0])!;
        if (!modeNames.Contains(defaultMode))
        {
            r.Diagnostics.Add(DiagnosticCodes.UnknownMode, m["defaultMode"]!.Location, $"{what}.defaultMode '{defaultMode}' is not one of its modes", Spelling.Suggest(defaultMode, modeNames));
        }

        var body = deferBody
            ? new Lazy<ComponentBody>(() => ReadTrustedBody(what, m))
            : new Lazy<ComponentBody>(ReadBody(r, what, m));

        var controls = ImmutableArray.CreateBuilder<ControlSupport>();
        foreach (var item in r.Sequence(m["controls"], what + ".controls")?.Items ?? [])
        {
            if (r.Mapping(item, what + ".controls[]") is { } cm)
            {
                r.CheckKeys(cm, what + ".controls[]", "id", "how");
                controls.Add(new ControlSupport(r.RequiredString(cm, "id", what + ".controls[]"), r.RequiredString(cm, "how", what + ".controls[]")));
            }
        }

        return new Component(
            id,
            r.String(m["name"], what + ".name", id)!,
            r.RequiredString(m, "capability", what),
            kind,
            r.String(m["description"], what + ".description"),
            r.Enum<LockIn>(m["lockIn"], what + ".lockIn") ?? (kind == ComponentKind.Managed ? LockIn.High : LockIn.None),
            r.String(m["setup"], what + ".setup", kind == ComponentKind.Managed ? "low" : "medium")!,
            r.Decimal(m["opsHoursPerMonth"], what + ".opsHoursPerMonth", 0, 744) ?? 0m,
            r.String(m["opsHoursBasis"], what + ".opsHoursBasis", "stated assumption")!,
            controls.ToImmutable(),
            r.Settings(m["settings"], what + ".settings"),
            defaultMode,
            modeNames,
            body,
            ReadUsageDefaults(r, m["usage"], what + ".usage"),
            r.Bool(m["implicit"], what + ".implicit") ?? false,
            fileName,
            SpecReader.ReadProvider(r, m["provider"], what + ".provider")?.Id,
            r.Bool(m["kubernetesOnly"], what + ".kubernetesOnly") ?? false);
    }

    /// <summary>The mode a component without <c>modes:</c> has.</summary>
    private const string DefaultModeName = "default";

    private static ComponentBody ReadBody(YamlFieldReader r, string what, YamlMapping m)
    {
        var modes = ImmutableArray.CreateBuilder<ComponentMode>();
        foreach (var (modeKey, modeNode) in r.Mapping(m["modes"], what + ".modes")?.Entries ?? [])
        {
            if (r.Mapping(modeNode, $"{what}.modes.{modeKey.Value}") is { } mm)
            {
                modes.Add(ReadMode(r, modeKey.Value, mm, $"{what}.modes.{modeKey.Value}"));
            }
        }

        if (modes.Count == 0)
        {
            modes.Add(new ComponentMode(DefaultModeName, null, null, [], [], []));
        }

        return new ComponentBody(modes.ToImmutable(), ReadCosts(r, m["costs"], what + ".costs"));
    }

    /// <summary>A deferred body of a trusted file: its errors, which its tests rule out, still throw rather than pass.</summary>
    private static ComponentBody ReadTrustedBody(string what, YamlMapping m)
    {
        var bag = new DiagnosticBag();
        var body = ReadBody(new YamlFieldReader(bag), what, m);
        bag.ThrowIfAny();
        return body;
    }

    private static ComponentMode ReadMode(YamlFieldReader r, string name, YamlMapping m, string what)
    {
        r.CheckKeys(m, what, "description", "source", "pods", "daemonSets", "costs", "limit", "sidecar");
        if (name == ModeSelection.Auto)
        {
            r.Diagnostics.Add(DiagnosticCodes.NotAllowedValue, m.Location, $"{what}: '{ModeSelection.Auto}' is reserved: it asks Stackplan to pick a mode by the modes' limits");
        }

        return new ComponentMode(
            name,
            r.String(m["description"], what + ".description"),
            r.String(m["source"], what + ".source"),
            ReadPods(r, m["pods"], what + ".pods"),
            ReadPods(r, m["daemonSets"], what + ".daemonSets"),
            ReadCosts(r, m["costs"], what + ".costs"),
            ReadLimit(r, m["limit"], what + ".limit"),
            ReadSidecar(r, m["sidecar"], what + ".sidecar"));
    }

    /// <summary>A container the component injects into every pod of the team's workloads (a mesh's proxy): its requests are added to theirs.</summary>
    private static PodFootprint? ReadSidecar(YamlFieldReader r, YamlNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }

        var seq = new YamlSequence(node.Location, [node]);
        return ReadPods(r, seq, what).FirstOrDefault();
    }

    private static ModeLimit? ReadLimit(YamlFieldReader r, YamlNode? node, string what)
    {
        if (r.Mapping(node, what) is not { } m)
        {
            return null;
        }

        r.CheckKeys(m, what, "usage", "max", "unit", "source");
        var usage = ParseFormula(r, m["usage"], what + ".usage") ?? Formula.Constant(0m);
        return new ModeLimit(usage, r.Decimal(m["max"], what + ".max", 0) ?? 0m, r.String(m["unit"], what + ".unit", usage.Text)!, r.RequiredString(m, "source", what));
    }

    private static ImmutableArray<PodFootprint> ReadPods(YamlFieldReader r, YamlNode? node, string what)
    {
        var items = ImmutableArray.CreateBuilder<PodFootprint>();
        foreach (var item in r.Sequence(node, what)?.Items ?? [])
        {
            if (r.Mapping(item, what + "[]") is { } m)
            {
                r.CheckKeys(m, what + "[]", "name", "replicas", "cpu", "memory");
                var name = r.RequiredString(m, "name", what + "[]");
                var replicas = QuantityOrFormula(r, m["replicas"], $"{what}.{name}.replicas", (q, n, w) => q.Int(n, w, 0, 100_000), 1m, 1m);
                var cpu = QuantityOrFormula(r, m["cpu"], $"{what}.{name}.cpu", (q, n, w) => q.CpuMillis(n, w), 1000m, 0m);
                var memory = QuantityOrFormula(r, m["memory"], $"{what}.{name}.memory", (q, n, w) => q.MemoryMiB(n, w), 1024m, 0m);
                var shown = $"x{replicas.Shown}: {cpu.Shown}{(cpu.IsFormula ? " vCPU" : "m CPU")}, {memory.Shown}{(memory.IsFormula ? " GiB" : " MiB")}";
                items.Add(new PodFootprint(name, replicas.Formula, cpu.Formula, memory.Formula, shown));
            }
        }

        return items.ToImmutable();
    }

    /// <summary>
    /// A pod figure: a plain quantity (2, 250m, 512Mi) or a formula over usage and settings. A
    /// formula gives whole units (vCPU for cpu, GiB for memory, as sizing guides state them), which
    /// <paramref name="scale"/> turns into millicores or MiB.
    /// </summary>
    private static (Formula Formula, string Shown, bool IsFormula) QuantityOrFormula(YamlFieldReader r, YamlNode? node, string what, Func<YamlFieldReader, YamlNode?, string, decimal?> quantity, decimal scale, decimal absent)
    {
        if (node is null)
        {
            return (Formula.Constant(absent), absent.ToString(System.Globalization.CultureInfo.InvariantCulture), false);
        }

        var trial = new YamlFieldReader(new DiagnosticBag());
        if (quantity(trial, node, what) is { } value && !trial.Diagnostics.HasErrors)
        {
            return (Formula.Constant(value), value.ToString(System.Globalization.CultureInfo.InvariantCulture), false);
        }

        var text = r.String(node, what);
        if (text is null)
        {
            return (Formula.Constant(absent), "?", false);
        }

        try
        {
            return (scale == 1m ? Formula.Parse(text) : Formula.Parse($"({text}) * {scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}"), text, true);
        }
        catch (FormulaException e)
        {
            var at = node.Location;
            r.Diagnostics.Add(DiagnosticCodes.InvalidFormula, at with { Column = at.Column + Math.Max(0, e.Column - (scale == 1m ? 1 : 2)) }, $"{what} is neither a quantity nor a formula: {e.Message} in '{text}'");
            return (Formula.Constant(absent), "?", false);
        }
    }

    private static ImmutableArray<CostRule> ReadCosts(YamlFieldReader r, YamlNode? node, string what)
    {
        var items = ImmutableArray.CreateBuilder<CostRule>();
        foreach (var m in r.MappingsIn(node, what))
        {
            r.CheckKeys(m, what + "[]", "item", "category", "price", "unit", "quantity", "when", "note");
            var name = r.RequiredString(m, "item", what + "[]");
            items.Add(new CostRule(
                name,
                r.Enum<Category>(m["category"], $"{what}.{name}.category") ?? Category.Other,
                r.RequiredString(m, "price", $"{what}.{name}"),
                r.RequiredString(m, "unit", $"{what}.{name}"),
                ParseFormula(r, m["quantity"], $"{what}.{name}.quantity") ?? Formula.Constant(0m),
                ParseFormula(r, m["when"], $"{what}.{name}.when"),
                r.String(m["note"], $"{what}.{name}.note")));
        }

        return items.ToImmutable();
    }

    /// <summary>Usage keys a component reads that a spec may leave out, with the value assumed then.</summary>
    private static ImmutableDictionary<string, decimal> ReadUsageDefaults(YamlFieldReader r, YamlNode? node, string what)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        foreach (var (key, value) in r.Mapping(node, what)?.Entries ?? [])
        {
            builder[key.Value] = r.Decimal(value, $"{what}.{key.Value}", 0) ?? 0m;
        }

        return builder.ToImmutable();
    }

    internal static Formula? ParseFormula(YamlFieldReader r, YamlNode? node, string what)
    {
        var text = r.String(node, what);
        if (text is null)
        {
            return null;
        }

        try
        {
            return Formula.Parse(text).WrittenAt(node!.Location, what);
        }
        catch (FormulaException e)
        {
            var at = node!.Location;
            r.Diagnostics.Add(DiagnosticCodes.InvalidFormula, at with { Column = at.Column + e.Column - 1 }, $"{what}: {e.Message} in '{text}'");
            return null;
        }
    }
}
