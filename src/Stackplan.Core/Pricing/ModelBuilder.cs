using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Providers;
using Stackplan.Core.Formulas;
using Stackplan.Core.Resolve;
using Stackplan.Core.Sizing;

namespace Stackplan.Core.Pricing;

/// <summary>
/// Compiles a sized deployment into a <see cref="DeploymentModel"/>: every figure it will
/// compute becomes a line bound to named variables, and every variable records its origin
/// so <c>explain</c> can show where each input came from.
/// </summary>
internal sealed partial class ModelBuilder
{
    private readonly IPriceBook _prices;
    private Deployment _deployment;
    private NodePlan _plan = null!;
    private Sizer _sizer = null!;
    private SizingSlots _sizingSlots = null!;
    private readonly DiagnosticBag _bag = new();
    private readonly List<Variable> _variables = [];
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly List<ModelLine> _lines = [];
    private readonly List<Diagnostic> _warnings = [];
    private readonly HashSet<string> _lineIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _missingHints = new(StringComparer.Ordinal);
    private readonly HashSet<string> _misunitedSpecPrices = new(StringComparer.Ordinal);
    private readonly List<BoundFormula> _podFormulas = [];
    private InstanceTypeTable _types = null!;

    private ModelBuilder(Deployment deployment, IPriceBook prices)
    {
        _deployment = deployment;
        _prices = prices;
    }

    /// <summary>Sizes <paramref name="deployment"/> on <paramref name="instanceTypes"/> and compiles it; throws <see cref="InputException"/> on bad input.</summary>
    public static DeploymentModel Build(Deployment deployment, InstanceTypeTable instanceTypes, IPriceBook prices)
    {
        var builder = new ModelBuilder(deployment, prices);
        builder.LeaveOutKubernetesOnly();
        builder.AddVariables();
        builder.Size(instanceTypes);
        builder.AddSizingVariables();
        builder.CheckModeLimits();
        builder.AddComponentLines();
        builder.AddNodeLines();
        builder.AddUserLines();
        builder.AddOperationsLines();
        builder._bag.ThrowIfAny();
        var opsHours = builder._deployment.Components.Sum(c => c.Component.OpsHoursPerMonth);
        var warnings = builder._plan.Warnings.Concat(builder._warnings).ToImmutableArray();
        return new DeploymentModel(builder._deployment, builder._plan, [.. builder._variables], [.. builder._lines], opsHours, warnings, builder._sizer, builder._sizingSlots) { PodFormulas = [.. builder._podFormulas] };
    }

    /// <summary>
    /// Cluster add-ons (CSI drivers, admission controllers, operators) exist only on Kubernetes: on
    /// serverless containers they are left out, pods and costs, with a warning, rather than priced as tasks
    /// that could never run.
    /// </summary>
    private void LeaveOutKubernetesOnly()
    {
        // On a Kubernetes cluster whose pods are serverless tasks they are pods like any other (their DaemonSets aside, see Size).
        if (_deployment.Environment.Cluster.Kind != ClusterKind.ServerlessContainers || _deployment.Environment.Cluster.KubernetesOnServerless)
        {
            return;
        }

        var left = _deployment.Components.Where(c => c.Component.KubernetesOnly && !c.Component.Implicit).ToList();
        if (left.Count == 0)
        {
            return;
        }

        _warnings.Add(Diagnostic.Warning(DiagnosticCodes.KubernetesOnlyOnEcs, $"{string.Join(", ", left.Select(c => c.Id))} need a Kubernetes cluster; environment '{_deployment.Environment.Name}' runs on serverless containers ({Provider.Serverless?.Name ?? "no cluster"}), so they are left out of this estimate (turn the capability off or pick a component that runs there)"));
        _deployment = _deployment with { Components = [.. _deployment.Components.Except(left)] };
    }

    private decimal[] ValuesAt(int point) => [.. _variables.Select(v => point switch { 0 => v.Value.Low, 1 => v.Value.Expected, _ => v.Value.High })];

    /// <summary>Turns every component pod and workload into a pod shape bound to the variables, and packs them at the three points.</summary>
    private void Size(InstanceTypeTable instanceTypes)
    {
        var env = _deployment.Environment;
        var serverless = env.Cluster.Kind == ClusterKind.ServerlessContainers;
        var shapes = ImmutableArray.CreateBuilder<PodShape>();
        // Implicit components describe a Kubernetes cluster (CoreDNS, kube-proxy, the CNI): serverless
        // containers run none of their pods. A Kubernetes cluster on serverless pods runs their
        // Deployments (CoreDNS) as pods; the service itself does the DaemonSets' work.
        var kubernetesOnServerless = serverless && env.Cluster.KubernetesOnServerless;
        foreach (var c in _deployment.Components.Where(c => !serverless || !c.Component.Implicit || kubernetesOnServerless))
        {
            var daemonSets = kubernetesOnServerless && c.Component.Implicit ? ImmutableArray<PodFootprint>.Empty : c.Mode.DaemonSets;
            foreach (var (pod, daemon) in c.Mode.Pods.Select(p => (p, false)).Concat(daemonSets.Select(p => (p, true))))
            {
                if (Shape(c.Id, pod.Name, null, daemon, pod.Replicas, pod.CpuMillis, pod.MemoryMiB, c, c.BoundAt, null) is { } shape)
                {
                    shapes.Add(shape);
                }
            }
        }

        // A mesh's proxy is injected into every pod of the team's workloads: its requests are added to theirs.
        var sidecars = _deployment.Components.Where(c => c.Mode.Sidecar is not null && (!serverless || !c.Component.Implicit)).ToList();
        foreach (var w in _deployment.Spec.Workloads)
        {
            var replicas = VariableName($"workload.{w.Name}") + ".replicas";
            Add(replicas, w.Replicas, w.Replicas.IsExact ? $"workload '{w.Name}' replicas at {w.Location}" : $"workload '{w.Name}' at {w.Location}: autoscales min {w.Replicas.Low}, expected {w.Replicas.Expected}, max {w.Replicas.High}");
            var daemon = w.Kind == WorkloadKind.DaemonSet;
            var hours = w.RunHoursPerMonth ?? ValueRange.Exactly(Money.HoursPerMonth);
            var cpu = Formula.Constant(w.CpuMillis);
            var memory = Formula.Constant(w.MemoryMiB);
            foreach (var mesh in daemon ? [] : sidecars)
            {
                var proxy = mesh.Mode.Sidecar!;
                cpu = Formula.Parse($"{cpu.Text} + {Scoped(proxy.CpuMillis, mesh)}");
                memory = Formula.Parse($"{memory.Text} + {Scoped(proxy.MemoryMiB, mesh)}");
            }

            shapes.Add(Shape(w.Name, w.Name, w.NodeGroup, daemon, daemon ? Formula.Constant(1) : Formula.Parse(replicas), cpu, memory, null, w.Location, hours)!);
            if (w.NodeGroup is not null && !serverless && env.NodeGroups.All(g => g.Name != w.NodeGroup))
            {
                _bag.Add(DiagnosticCodes.UnknownNodeGroup, w.Location, $"workload '{w.Name}' asks for node group '{w.NodeGroup}', which environment '{env.Name}' does not have", Spelling.Suggest(w.NodeGroup, env.NodeGroups.Select(g => g.Name)));
            }
        }

        var types = instanceTypes.With(_deployment.Spec.InstanceTypes);
        _types = types;
        if (!serverless)
        {
            foreach (var group in env.NodeGroups.Where(g => types.Find(g.InstanceType) is null))
            {
                _bag.Add(DiagnosticCodes.UnknownInstanceType, group.Location, $"unknown instance type '{group.InstanceType}'", Spelling.Suggest(group.InstanceType, types.Names) ?? "declare it under 'instanceTypes' with vcpu, memoryGiB and maxPods");
            }
        }

        _bag.ThrowIfAny();
        _sizer = new Sizer(env, Provider, shapes.ToImmutable(), types.Find);
        try
        {
            _plan = _sizer.Plan(ValuesAt(0), ValuesAt(1), ValuesAt(2));
        }
        catch (ArithmeticException) when (InputBlame.Find(_variables, _slots, _podFormulas, [ValuesAt(0), ValuesAt(1), ValuesAt(2)], _deployment.Name, env.Location) is { } blamed)
        {
            // A pod figure with no value (a ratio setting of 0 in a replicas formula): said at the value that caused it.
            throw blamed;
        }
    }

    /// <summary>A component's formula as text any binding reads: its settings named in full (component.setting).</summary>
    private string Scoped(Formula formula, ResolvedComponent c)
    {
        if (formula.Variables.IsEmpty)
        {
            return "(" + formula.Text + ")";
        }

        // Sidecar figures are plain quantities in the shipped catalog; a formula must be bound where it is read.
        _ = Bind(formula, c, c.BoundAt, $"{c.Id} sidecar");
        return "(" + formula.Evaluate(n => ValuesAt(1)[_slots.TryGetValue($"{c.Id}.{n}", out var own) ? own : _slots[n]]).ToString(CultureInfo.InvariantCulture) + ")";
    }

    private PodShape? Shape(string owner, string name, string? nodeGroup, bool daemon, Formula replicas, Formula cpu, Formula memory, ResolvedComponent? c, SourceLocation at, ValueRange? hours)
    {
        var what = $"{owner} pod '{name}'";
        _podFormulas.AddRange([new BoundFormula(replicas, c?.Id, replicas.Purpose ?? what + " replicas"), new BoundFormula(cpu, c?.Id, cpu.Purpose ?? what + " cpu"), new BoundFormula(memory, c?.Id, memory.Purpose ?? what + " memory")]);
        var r = Bind(replicas, c, at, what + " replicas");
        var cp = Bind(cpu, c, at, what + " cpu");
        var m = Bind(memory, c, at, what + " memory");
        if (r is null || cp is null || m is null)
        {
            return null;
        }

        int SlotOf(string n) => c is not null && _slots.TryGetValue($"{c.Id}.{n}", out var own) ? own : _slots[n];
        var reads = replicas.Variables.Concat(cpu.Variables).Concat(memory.Variables).Select(SlotOf).Distinct().ToImmutableArray();
        return new PodShape(owner, name, nodeGroup, daemon, r, cp, m, replicas.CompileDouble(SlotOf), cpu.CompileDouble(SlotOf), memory.CompileDouble(SlotOf), reads, hours);
    }

    /// <summary>A mode used past its documented limit still prices, but says so, naming the limit and its source.</summary>
    private void CheckModeLimits()
    {
        foreach (var c in _deployment.Components)
        {
            if (c.Mode.Limit is not { } limit || Bind(limit.Usage, c, c.BoundAt, $"{c.Id} mode '{c.Mode.Name}' limit") is not { } usage)
            {
                continue;
            }

            decimal value;
            try
            {
                value = usage(ValuesAt(1));
            }
            catch (ArithmeticException) when (InputBlame.Find(_variables, _slots, [new BoundFormula(limit.Usage, c.Id, limit.Usage.Purpose ?? $"{c.Id} mode '{c.Mode.Name}' limit")], [ValuesAt(1)], _deployment.Name, c.BoundAt) is { } blamed)
            {
                throw blamed;
            }

            if (value <= limit.Max)
            {
                continue;
            }

            var next = c.Component.Modes.SkipWhile(m => m != c.Mode).Skip(1).FirstOrDefault();
            var advice = next is null ? "" : $"; mode '{next.Name}' (or 'auto') is the one for this volume";
            _warnings.Add(Diagnostic.Warning(DiagnosticCodes.ModeOverLimit, $"{c.Id} mode '{c.Mode.Name}' is documented up to {Formats.Number(limit.Max)} {limit.Unit}, and this deployment expects {Formats.Number(Math.Round(value, 2))} ({limit.Source}){advice}"));
        }
    }

    private string Region => _deployment.Region;

    private IProviderProfile Provider => _deployment.Provider;

    private void Add(string name, ValueRange value, string origin, ValueInput? input = null)
    {
        var variable = new Variable(name, value, origin) { Input = input };
        if (_slots.TryGetValue(name, out var existing))
        {
            _variables[existing] = variable;
            return;
        }

        _slots[name] = _variables.Count;
        _variables.Add(variable);
    }

    private void Add(string name, decimal value, string origin) => Add(name, ValueRange.Exactly(value), origin);

    private static decimal Flag(bool value) => value ? 1m : 0m;

    /// <summary>
    /// A name the formula language reads as one variable. Names built from node groups,
    /// components, workloads and line items may hold '-' or '/', which formulas read as
    /// operators, so every other character becomes '_'.
    /// </summary>
    internal static string VariableName(string raw)
    {
        var name = new StringBuilder(raw.Length);
        foreach (var ch in raw)
        {
            name.Append(char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.' ? ch : '_');
        }

        return name.ToString();
    }

    private void AddVariables()
    {
        var env = _deployment.Environment;
        Add("hours_per_month", Money.HoursPerMonth, "billing convention: 730 hours a month");
        Add("days_per_month", Money.DaysPerMonth, "730 hours / 24");
        foreach (var u in _deployment.Usage)
        {
            var input = u.OnCommandLine ? new ValueInput($"--usage {u.Key}", null) : u.Location.Line > 0 ? new ValueInput($"usage '{u.Key}'", u.ValueLocation ?? u.Location) : null;
            Add(u.Key, u.Value, u.Description is null ? $"usage at {u.Location}" : $"usage at {u.Location} ({u.Description})", input);
        }

        var at = $"environment '{env.Name}'";
        Add("zones", env.Zones, at + " zones");
        Add("nat_gateways", env.NatGateways switch { NatGatewayMode.None => 0, NatGatewayMode.Single => 1, _ => env.Zones }, $"{at} natGateways: {Spelling.KebabCase(env.NatGateways.ToString())}");
        Add("managed_kubernetes", Flag(env.Cluster.Kind == ClusterKind.ManagedKubernetes), at + " cluster.kind");
        Add("serverless_containers", Flag(env.Cluster.Kind == ClusterKind.ServerlessContainers), at + " cluster.kind");
        Add("onprem", Flag(env.Cluster.Kind == ClusterKind.KubernetesOnprem), at + " cluster.kind");
        Add("kubernetes", Flag(env.Cluster.Kind != ClusterKind.ServerlessContainers || env.Cluster.KubernetesOnServerless), at + " cluster.kind");
        foreach (var fact in Provider.Facts(env))
        {
            Add(fact.Name, fact.Value, fact.Origin);
        }

        Add("private_endpoint", Flag(env.Cluster.Endpoint != EndpointAccess.Public), at + " cluster.endpoint");
        Add("extended_support", Flag(env.Cluster.ExtendedSupport), at + " cluster.extendedSupport");
        Add("bastion", Flag(env.Bastion is not null), at + " bastion");
        Add("retention_logs_days", env.Retention.LogsDays, at + " retention.logsDays");
        Add("retention_metrics_days", env.Retention.MetricsDays, at + " retention.metricsDays");
        Add("retention_traces_days", env.Retention.TracesDays, at + " retention.tracesDays");
        Add("backups", Flag(env.Backups.Enabled), at + " backups.enabled");
        Add("backup_retention_days", env.Backups.RetentionDays, at + " backups.retentionDays");
        Add("cross_region_backup", Flag(env.Backups.CrossRegion), at + " backups.crossRegion");
        Add("customer_managed_kms", Flag(env.Encryption.Kms == KeyManagement.CustomerManaged), at + " encryption.kms");
        // Placeholders keep the node variables where explain and JSON have always listed them; sizing, which reads the settings below, fills them in.
        AddNodeVariables(null);
        foreach (var c in _deployment.Components)
        {
            foreach (var (key, value) in c.Settings.Where(s => s.Value.Number is not null))
            {
                var isDefault = c.Component.Settings.TryGetValue(key, out var d) && d == value;
                var origin = isDefault ? $"catalog default for {c.Id}" : $"spec setting for {c.Id}";
                // A catalog default is the catalog's to answer for; a value the spec wrote is the user's.
                Add($"{c.Id}.{key}", value.Number!.Value, origin, isDefault || value.Location is null ? null : new ValueInput($"{c.Id} setting '{key}'", value.Location));
            }
        }
    }

    private void AddNodeVariables(NodePlan? plan)
    {
        Add("nodes", plan?.PricedNodes ?? ValueRange.Zero, "node plan: nodes priced across node groups");
        Add("pods", plan?.Pods ?? 0, "node plan: pods scheduled, DaemonSet pods counted per node");
        var groups = _deployment.Environment.Cluster.Kind == ClusterKind.ServerlessContainers ? [] : _deployment.Environment.NodeGroups;
        foreach (var group in groups)
        {
            var name = VariableName($"nodegroup.{group.Name}");
            var g = plan?.Groups.FirstOrDefault(p => p.Group == group);
            var sizing = group.IsAutoscaling ? $"min {group.Min}, required {g?.Required}, max {group.Max}" : $"declared count (pods need {g?.Required})";
            Add(name + ".nodes", g?.PricedNodes ?? ValueRange.Zero, $"node group '{group.Name}' at {group.Location}: {sizing}");
            Add(name + ".hours", group.HoursPerMonth ?? ValueRange.Exactly(Money.HoursPerMonth), group.HoursPerMonth is null ? "runs all month" : $"node group '{group.Name}' hoursPerMonth (scale to zero)");
            Add(name + ".disk_gb", group.Disk.SizeGb, $"node group '{group.Name}' disk.sizeGb");
            if (group.Disk.Iops is { } iops)
            {
                Add(name + ".disk_iops", iops, $"node group '{group.Name}' disk.iops (per volume)");
            }

            if (group.Disk.ThroughputMiBps is { } throughput)
            {
                Add(name + ".disk_throughput", throughput, $"node group '{group.Name}' disk.throughput in MiB/s (per volume)");
            }

            if (group.SpotDiscount is { } d)
            {
                // Stored as the share of the on-demand price paid, so "high" is the costly end like every other input.
                Add(name + ".spot_factor", new ValueRange(1m - d.High, 1m - d.Expected, 1m - d.Low), $"node group '{group.Name}' spotDiscount (spec assumption)");
            }
        }
    }

    /// <summary>The sizing's results as variables, with the slots <see cref="Sizer.Apply"/> rewrites when an analysis re-sizes.</summary>
    private void AddSizingVariables()
    {
        AddNodeVariables(_plan);
        var service = Provider.Serverless;
        foreach (var task in _plan.ContainerTasks)
        {
            var id = TaskVariable(task);
            Add(id + ".replicas", task.Replicas, task.Replicas.IsExact ? $"tasks of {task.Owner}" : $"tasks of {task.Owner}: min {task.Replicas.Low}, expected {task.Replicas.Expected}, max {task.Replicas.High}");
            Add(id + ".vcpu", task.VCpu, service?.SizeSource ?? "task size");
            Add(id + ".memory_gb", task.MemoryGb, service?.SizeSource ?? "task size");
            Add(id + ".hours", task.HoursPerMonth, task.HoursPerMonth.Expected == Money.HoursPerMonth ? "runs all month" : "runHoursPerMonth");
        }

        _sizingSlots = new SizingSlots(
            _slots["nodes"],
            _slots["pods"],
            [.. _plan.Groups.Select(g => _slots[VariableName($"nodegroup.{g.Group.Name}") + ".nodes"])],
            [.. _plan.ContainerTasks.Select(t => (_sizer.ShapeIndex(t.Owner, t.Name), _slots[TaskVariable(t) + ".replicas"], _slots[TaskVariable(t) + ".vcpu"], _slots[TaskVariable(t) + ".memory_gb"]))]);
    }

    /// <summary>The variable prefix of a serverless task: the service's line group, owner and name.</summary>
    private string TaskVariable(ContainerTask task) => VariableName($"{Provider.Serverless?.LineGroup}.{task.Owner}.{task.Name}");

    /// <summary>Binds a formula's names: the component's own settings first, then global variables, then the component's usage defaults.</summary>
    private Func<decimal[], decimal>? Bind(Formula formula, ResolvedComponent? component, SourceLocation at, string what)
    {
        var ok = true;
        foreach (var name in formula.Variables)
        {
            if (component is not null && _slots.ContainsKey($"{component.Id}.{name}"))
            {
                continue;
            }

            if (_slots.ContainsKey(name))
            {
                continue;
            }

            if (component?.Component.UsageDefaults.TryGetValue(name, out var assumed) == true)
            {
                // Recorded as the variable's origin, so explain shows the assumption where it matters.
                Add(name, assumed, $"not in the spec's usage: {component.Id} assumes {assumed.ToString(CultureInfo.InvariantCulture)}");
                continue;
            }

            ok = false;
            var known = _slots.Keys.Where(k => !k.Contains('.', StringComparison.Ordinal));
            _bag.Add(DiagnosticCodes.UnknownVariable, at, $"{what} needs '{name}', which is neither a usage key of the spec nor a setting or fact it knows", Spelling.Suggest(name, known) ?? $"add '{name}' under usage:");
        }

        return ok ? formula.Compile(name => component is not null && _slots.TryGetValue($"{component.Id}.{name}", out var own) ? own : _slots[name]) : null;
    }

    private string LineId(string component, string item)
    {
        var slug = new StringBuilder();
        foreach (var ch in item.ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(ch) ? ch : '-');
        }

        var baseId = $"{component}/{string.Join('-', slug.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries))}";
        var id = baseId;
        for (var n = 2; !_lineIds.Add(id); n++)
        {
            id = $"{baseId}-{n}";
        }

        return id;
    }

    private PriceEntry? LookUp(string key, string unit, string lineDescription, SourceLocation at, string? region = null)
    {
        // A missing price is reported by the bill, for the lines actually present (DeploymentModel.ToBill).
        var price = _prices.Find(Provider.Id, key, region ?? Region);
        if (price is null)
        {
            _missingHints[key] = WhereElse(key);
            return null;
        }

        if (!string.Equals(price.Unit, unit, StringComparison.Ordinal))
        {
            // The spec's own price is the user's to fix, at its own line; a book's price against a
            // catalog line is the catalog's quantity formula.
            if (price.Book == "spec" && _deployment.Spec.Prices.FirstOrDefault(p => p.Key == key) is { } own)
            {
                if (!_misunitedSpecPrices.Add(key))
                {
                    return price; // one message per mistake, however many lines use the price
                }

                _bag.Add(DiagnosticCodes.UnitMismatch, own.Location, $"price '{key}' is per '{price.Unit}', but {lineDescription} is counted in '{unit}'", $"give this price per '{unit}'");
            }
            else
            {
                _bag.Add(DiagnosticCodes.UnitMismatch, at, $"{lineDescription} is counted in '{unit}' but price '{key}' is per '{price.Unit}'", "the catalog's quantity formula must be in the price's unit");
            }
        }

        return price;
    }

    /// <summary>
    /// What a missing-price message adds: the regions that do price the key (a price is never
    /// borrowed from another region, so the user must choose), or that no book prices it anywhere.
    /// </summary>
    private string WhereElse(string key)
    {
        var regions = _prices.RegionsWith(Provider.Id, key).Where(r => r != Region).Distinct().Order(StringComparer.Ordinal).ToList();
        return regions.Count == 0 ? "no book prices it in any region" : $"priced in {string.Join(", ", regions)}";
    }

    private void AddLine(string component, string item, Category category, string unit, Formula quantity, Func<decimal[], decimal> quantityOf, Func<decimal[], decimal>? when, string priceKey, PriceEntry? price, string? note, Func<decimal[], decimal>? multiplier = null, string? multiplierNote = null, string? id = null, Formula? whenFormula = null, bool sharesLadder = true, string? resource = null)
    {
        // A negotiated discount applies to list prices from the books, not to the spec's own prices.
        if (price is not null && price.Book != "spec" && _deployment.Spec.DiscountFor(priceKey) is { } discount)
        {
            var slot = DiscountSlot(discount);
            var inner = multiplier;
            multiplier = inner is null ? v => v[slot] : v => inner(v) * v[slot];
            var said = $"negotiated discount on '{discount.Family}' ({discount.Source}): x (1 - share)";
            multiplierNote = multiplierNote is null ? said : multiplierNote + "; " + said;
        }

        _lines.Add(new ModelLine(id ?? LineId(component, item), category, component, item, unit, quantity, quantityOf, when, multiplier ?? One, multiplierNote, priceKey, price, _deployment.Spec.ApplyFreeTiers, note, whenFormula,
            price is null ? _missingHints.GetValueOrDefault(priceKey) : null, sharesLadder, resource));
    }

    private static decimal One(decimal[] values) => 1m;

    private void AddComponentLines()
    {
        foreach (var c in _deployment.Components)
        {
            foreach (var rule in c.Component.Costs.Concat(c.Mode.Costs))
            {
                var what = $"{c.Id} '{rule.Item}'";
                var quantity = Bind(rule.Quantity, c, c.BoundAt, what);
                var when = rule.When is null ? null : Bind(rule.When, c, c.BoundAt, what + " (when)");
                var key = ExpandKey(rule.PriceKey, c, what);
                if (quantity is null || key is null)
                {
                    continue;
                }

                var price = LookUp(key, rule.Unit, what, c.BoundAt);
                if (price is null)
                {
                    CheckPricedWords(rule.PriceKey, c, what, key);
                }

                AddLine(c.Id, ProviderNames(Provider, rule.Item), rule.Category, rule.Unit, rule.Quantity, quantity, when, key, price, rule.Note, whenFormula: rule.When);
            }
        }
    }

    private const string ProviderPlaceholder = "provider.";

    /// <summary>
    /// A line name with {provider.NAME} written as the provider's own name of that service (its
    /// <see cref="IProviderProfile.StorageNames"/>), so a self-managed component's line says where
    /// its data goes on each cloud. An unknown name is left as written: a catalog test requires
    /// every name a line uses to be defined by every profile.
    /// </summary>
    internal static string ProviderNames(IProviderProfile provider, string item) => !item.Contains("{" + ProviderPlaceholder, StringComparison.Ordinal) ? item
        : provider.StorageNames.Aggregate(item, (text, name) => text.Replace("{" + ProviderPlaceholder + name.Key + "}", name.Value, StringComparison.Ordinal));

    /// <summary>Fills {setting} placeholders of a price key with the component's word settings, and {provider.NAME} with the provider's storage price keys.</summary>
    /// <remarks><paramref name="trying"/> puts another value in one setting's place, to find the values a book prices there.</remarks>
    private string? ExpandKey(string template, ResolvedComponent c, string what, (string Setting, string Value)? trying = null)
    {
        var result = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                result.Append(template, i, template.Length - i);
                break;
            }

            var close = template.IndexOf('}', open);
            result.Append(template, i, open - i);
            var name = template[(open + 1)..close];
            if (name.StartsWith(ProviderPlaceholder, StringComparison.Ordinal))
            {
                // A provider's own storage price, so the component prices the same way on every cloud.
                if (!Provider.StoragePriceKeys.TryGetValue(name[ProviderPlaceholder.Length..], out var providerKey))
                {
                    _bag.Add(DiagnosticCodes.UnknownVariable, c.BoundAt, $"{what} prices by '{{{name}}}', which {Provider.DisplayName} does not define", $"provider price names: {string.Join(", ", Provider.StoragePriceKeys.Keys.Order(StringComparer.Ordinal))}");
                    return null;
                }

                result.Append(providerKey);
                i = close + 1;
                continue;
            }

            if (!c.Settings.TryGetValue(name, out var value) || value.Text is null)
            {
                _bag.Add(DiagnosticCodes.UnknownSetting, c.BoundAt, $"{what} prices by setting '{name}', which {c.Id} does not have as a word");
                return null;
            }

            result.Append(trying is { } t && t.Setting == name ? t.Value : value.Text);
            i = close + 1;
        }

        return result.ToString();
    }

    /// <summary>
    /// A price key built from a component's word settings that no book holds in any region: each
    /// setting the spec wrote is checked against the values the books do price in its place
    /// (a database key .../{instance_class}/single-az: every class priced single-zone), so a misspelt
    /// class gets "did you mean" with the nearest priced one at the spec's value. The line stays missing.
    /// </summary>
    private void CheckPricedWords(string template, ResolvedComponent c, string what, string key)
    {
        if (_prices.RegionsWith(Provider.Id, key).Any())
        {
            return;
        }

        foreach (var name in PlaceholderPattern().Matches(template).Select(m => m.Groups[1].Value).Where(n => !n.StartsWith(ProviderPlaceholder, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            var value = c.Settings[name];
            if (c.Component.Settings.TryGetValue(name, out var catalogDefault) && catalogDefault == value)
            {
                continue; // the catalog's own word: not the user's to fix
            }

            var suggestion = SuggestPricedWord(value.Text!, word => ExpandKey(template, c, what, (name, word))!, []);
            if (suggestion is not null)
            {
                WarnUnpriced(key, $"{c.Id} setting '{name}'", value.Text!, value.Location ?? c.BoundAt, suggestion);
            }
        }
    }

    /// <summary>
    /// "did you mean" for <paramref name="word"/> among the values priced in its place: the middle
    /// of every key of the deployment's provider that <paramref name="keyOf"/>'s prefix and suffix
    /// enclose, and <paramref name="alsoKnown"/> (an instance-type table's names).
    /// </summary>
    private string? SuggestPricedWord(string word, Func<string, string> keyOf, IEnumerable<string> alsoKnown)
    {
        const string Marker = "\u0001";
        var probe = keyOf(Marker);
        var at = probe.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return Spelling.Suggest(word, alsoKnown);
        }

        var (prefix, suffix) = (probe[..at], probe[(at + Marker.Length)..]);
        var priced = _prices.KeysOf(Provider.Id)
            .Where(k => k.Length > prefix.Length + suffix.Length && k.StartsWith(prefix, StringComparison.Ordinal) && k.EndsWith(suffix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..(k.Length - suffix.Length)])
            .Where(v => !v.Contains('/', StringComparison.Ordinal));
        return Spelling.Suggest(word, priced.Concat(alsoKnown).Distinct(StringComparer.Ordinal));
    }

    /// <summary>A spec value that makes a line's price missing, said at the value with what would fit, and added to the missing price's hint.</summary>
    private void WarnUnpriced(string key, string what, string word, SourceLocation at, string hint)
    {
        _warnings.Add(new Diagnostic(DiagnosticCodes.UnpricedSpecValue, at, $"{what} is '{word}': no book holds its price key '{key}' in any region, so its line has no price", hint));
        _missingHints[key] = $"{WhereElse(key)}; {what} '{word}': {hint}";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([^}]+)\}")]
    private static partial System.Text.RegularExpressions.Regex PlaceholderPattern();

    private void AddNodeLines()
    {
        var env = _deployment.Environment;
        foreach (var g in _plan.Groups)
        {
            var name = VariableName($"nodegroup.{g.Group.Name}");
            var capacity = g.Group.Capacity == CapacityType.Spot ? "spot" : "on-demand";
            if (env.Cluster.Kind == ClusterKind.KubernetesOnprem)
            {
                var formula = Formula.Parse($"{name}.nodes * {name}.hours / hours_per_month");
                var key = $"onprem/node/{g.Type.Name}";
                AddLine("nodes", $"{g.Group.Name}: {g.Type.Name} servers", Category.Compute, "month", formula, Bind(formula, null, g.Group.Location, "node group")!, null, key,
                    LookUp(key, "month", $"node group '{g.Group.Name}' ({g.Type.Name}, on-prem)", g.Group.Location), "on-prem servers are priced by the spec's own prices (onprem/node/<type>, per month)");
                continue;
            }

            var hours = Formula.Parse($"{name}.nodes * {name}.hours");

            // A commitment is its own price key: without a book that holds its rate the line is
            // missing, never the on-demand price in disguise.
            var instanceKey = g.Group.Purchase is { } purchase ? $"{Provider.NodePriceKey(g.Type.Name)}/{purchase}" : Provider.NodePriceKey(g.Type.Name);
            var instancePrice = LookUp(instanceKey, "hour", $"node group '{g.Group.Name}' ({g.Type.Name})", g.Group.Location);
            if (g.Group.Purchase is not null && instancePrice is null)
            {
                _missingHints[instanceKey] = $"commitment rates come from an imported {Provider.DisplayName} price list book: stackplan pricebook import <offer files> --terms all, then --pricebook FILE";
            }

            if (g.Group.Purchase is not null)
            {
                capacity = g.Group.Purchase;
            }

            Func<decimal[], decimal>? multiplier = null;
            string? multiplierNote = null;
            if (g.Group.Capacity == CapacityType.Spot)
            {
                if (_slots.TryGetValue(name + ".spot_factor", out var slot))
                {
                    multiplier = v => v[slot];
                    multiplierNote = $"spot: on-demand price x (1 - spotDiscount); the discount is the spec's assumption, since spot prices move";
                }
                else
                {
                    _warnings.Add(new Diagnostic(DiagnosticCodes.MissingPrice, g.Group.Location, $"MISSING PRICE: spot node group '{g.Group.Name}' has no spotDiscount; {Provider.DisplayName} publishes no fixed spot price, so the spec must state the discount it assumes"));
                    instancePrice = null;
                }
            }

            AddLine("nodes", $"{g.Group.Name}: {g.Type.Name} ({capacity})", Category.Compute, "hour", hours, Bind(hours, null, g.Group.Location, "node group")!, null, instanceKey, instancePrice, null, multiplier, multiplierNote);

            // A node's root volume lives as long as the node, so a scale-to-zero group pays for it by the hour too.
            var storageClass = g.Group.Disk.VolumeType ?? Provider.StorageClasses[0];
            var diskPrice = Provider.DiskPrice(storageClass, g.Group.Disk.SizeGb);
            var (disk, diskUnit) = diskPrice.PerDisk
                ? (Formula.Parse($"{name}.nodes * {name}.hours / hours_per_month"), "disk-month")
                : (Formula.Parse($"{name}.nodes * {name}.disk_gb * {name}.hours / hours_per_month"), "GB-month");
            PriceEntry? diskCost = null;
            if (Provider.StorageClasses.Contains(storageClass))
            {
                diskCost = LookUp(diskPrice.Key, diskUnit, $"node group '{g.Group.Name}' disks", g.Group.Location);
            }
            else
            {
                // A class the provider does not have is never priced as one it has (Azure's key is by size tier alone).
                _missingHints[diskPrice.Key] = WhereElse(diskPrice.Key);
                WarnUnpriced(diskPrice.Key, $"node group '{g.Group.Name}' disk.type", storageClass, g.Group.ValueLocation("disk.type") ?? g.Group.Location,
                    Spelling.Suggest(storageClass, Provider.StorageClasses) ?? $"{Provider.DisplayName} storage classes: {string.Join(", ", Provider.StorageClasses)}");
            }

            AddLine("nodes", $"{g.Group.Name}: node disks ({storageClass})", Category.Storage, diskUnit, disk, Bind(disk, null, g.Group.Location, "node disks")!, null, diskPrice.Key,
                diskCost, diskPrice.PerDisk ? $"billed per disk of the size tier holding {g.Group.Disk.SizeGb:0.##} GB" : null);
            AddProvisionedPerformance(g, name);
        }

        if (env.Bastion is { } bastion)
        {
            var formula = Formula.Parse("hours_per_month");
            var key = Provider.NodePriceKey(bastion.InstanceType);
            var price = LookUp(key, "hour", $"bastion ({bastion.InstanceType})", bastion.Location);
            if (price is null && !_prices.RegionsWith(Provider.Id, key).Any() && SuggestPricedWord(bastion.InstanceType, Provider.NodePriceKey, _types.Names) is { } suggestion)
            {
                WarnUnpriced(key, "bastion instanceType", bastion.InstanceType, bastion.Location, suggestion);
            }

            AddLine("bastion", $"bastion host ({bastion.InstanceType})", Category.Networking, "hour", formula, Bind(formula, null, bastion.Location, "bastion")!, null, key, price, null);
        }

        if (_plan.ContainerTasks.IsEmpty || Provider.Serverless is not { } service)
        {
            return;
        }

        // Arm tasks have their own rates; Spot capacity is the on-demand rate less the spec's discount.
        var variant = env.Cluster.Serverless;
        var arm = variant?.Architecture == CpuArchitecture.Arm64;
        var vcpuKey = arm ? service.ArmVCpuPriceKey ?? service.VCpuPriceKey + "/arm" : service.VCpuPriceKey;
        var memoryKey = arm ? service.ArmMemoryPriceKey ?? service.MemoryPriceKey + "/arm" : service.MemoryPriceKey;
        Func<decimal[], decimal>? spot = null;
        string? spotNote = null;
        if (variant is { Capacity: CapacityType.Spot, SpotDiscount: { } discount })
        {
            Add(service.LineGroup + ".spot_factor", new ValueRange(1m - discount.High, 1m - discount.Expected, 1m - discount.Low), $"environment '{env.Name}' cluster.{service.LineGroup}.spotDiscount (spec assumption)");
            var slot = _slots[service.LineGroup + ".spot_factor"];
            spot = v => v[slot];
            spotNote = $"{service.Name} Spot: on-demand price x (1 - spotDiscount); the discount is the spec's assumption, since Spot prices move";
        }

        foreach (var task in _plan.ContainerTasks)
        {
            var group = service.LineGroup;
            var id = TaskVariable(task);
            var vcpu = Formula.Parse($"{id}.replicas * {id}.vcpu * {id}.hours");
            var memory = Formula.Parse($"{id}.replicas * {id}.memory_gb * {id}.hours");
            AddLine(group, $"{task.Owner}/{task.Name} vCPU", Category.Compute, "vCPU-hour", vcpu, Bind(vcpu, null, env.Location, $"{service.Name} task")!, null, vcpuKey,
                LookUp(vcpuKey, "vCPU-hour", $"{service.Name} vCPU", env.Location), $"{task.VCpu} vCPU x {task.Replicas.Expected} task(s)", spot, spotNote);
            AddLine(group, $"{task.Owner}/{task.Name} memory", Category.Compute, "GB-hour", memory, Bind(memory, null, env.Location, $"{service.Name} task")!, null, memoryKey,
                LookUp(memoryKey, "GB-hour", $"{service.Name} memory", env.Location), $"{task.MemoryGb} GB x {task.Replicas.Expected} task(s)", spot, spotNote);
        }
    }

    /// <summary>
    /// Provisioned IOPS and throughput of a group's root volumes, billed as the provider's storage
    /// class says (<see cref="ProvisionedPerformance"/>): above what a volume includes, and for
    /// classes whose IOPS tiers apply per volume rather than per account, one volume's IOPS priced on
    /// the ladder and multiplied by the nodes.
    /// </summary>
    private void AddProvisionedPerformance(NodeGroupPlan g, string name)
    {
        var disk = g.Group.Disk;
        var storageClass = disk.VolumeType ?? Provider.StorageClasses[0];
        if (Provider.Performance(storageClass) is not { } performance)
        {
            return;
        }

        var what = $"node group '{g.Group.Name}' disks";
        var diskKey = Provider.DiskPrice(storageClass, disk.SizeGb).Key;
        if (disk.Iops is not null && !performance.IopsTiersPerVolume)
        {
            var included = performance.IncludedIops.ToString(CultureInfo.InvariantCulture);
            var iops = Formula.Parse($"{name}.nodes * max(0, {name}.disk_iops - {included}) * {name}.hours / hours_per_month");
            var above = Formula.Parse($"{name}.disk_iops > {included}");
            var key = diskKey + "-iops";
            AddLine("nodes", $"{g.Group.Name}: provisioned IOPS ({storageClass})", Category.Storage, "IOPS-month", iops, Bind(iops, null, g.Group.Location, what)!, Bind(above, null, g.Group.Location, what), key,
                LookUp(key, "IOPS-month", what, g.Group.Location), performance.IncludedIops > 0 ? $"IOPS above the {performance.IncludedIops:N0} a {storageClass} volume includes" : null, whenFormula: above);
        }
        else if (disk.Iops is not null)
        {
            var iops = Formula.Parse($"{name}.disk_iops * {name}.hours / hours_per_month");
            var key = diskKey + "-iops";
            var slot = _slots[name + ".nodes"];
            AddLine("nodes", $"{g.Group.Name}: provisioned IOPS ({storageClass})", Category.Storage, "IOPS-month", iops, Bind(iops, null, g.Group.Location, what)!, null, key,
                LookUp(key, "IOPS-month", what, g.Group.Location), $"{storageClass} IOPS tiers apply per volume: one volume's IOPS, times the nodes",
                v => v[slot], "x the group's nodes (one volume each)", sharesLadder: false);
        }

        if (disk.ThroughputMiBps is not null && performance.IncludedThroughputMiBps is { } includedThroughput)
        {
            var included = includedThroughput.ToString(CultureInfo.InvariantCulture);
            var throughput = Formula.Parse($"{name}.nodes * max(0, {name}.disk_throughput - {included}) * {name}.hours / hours_per_month");
            var above = Formula.Parse($"{name}.disk_throughput > {included}");
            var key = diskKey + "-throughput";
            AddLine("nodes", $"{g.Group.Name}: provisioned throughput ({storageClass})", Category.Storage, "MiBps-month", throughput, Bind(throughput, null, g.Group.Location, what)!, Bind(above, null, g.Group.Location, what), key,
                LookUp(key, "MiBps-month", what, g.Group.Location), $"MiB/s above the {included} a {storageClass} volume includes", whenFormula: above);
        }
    }

    /// <summary>The variable holding the share of the list price paid under a discount (high is the costly end).</summary>
    private int DiscountSlot(NegotiatedDiscount discount)
    {
        var name = VariableName($"discount.{discount.Family}");
        if (!_slots.ContainsKey(name))
        {
            Add(name, new ValueRange(1m - discount.Share.High, 1m - discount.Share.Expected, 1m - discount.Share.Low), $"negotiated discount at {discount.Location}: {discount.Source}");
        }

        return _slots[name];
    }

    private void AddUserLines()
    {
        var d = _deployment;
        var items = d.Spec.LineItems.Concat(d.Option.LineItems).Concat(d.Environment.LineItems);
        foreach (var item in items)
        {
            var category = ParseCategory(item);

            // A line pricing an infrastructure resource is filed under that resource, so its id reads address/item.
            var component = item.Resource ?? "spec";
            var id = LineId(component, item.Item);
            Add(VariableName(id) + ".quantity", item.Quantity, $"line item at {item.Location}");
            var formula = Formula.Parse(VariableName(id) + ".quantity");
            PriceEntry? price;
            string key;
            if (item.UnitPrice is { } unitPrice)
            {
                key = id;
                price = PriceEntry.Flat(key, Region, item.Unit, unitPrice, item.Item, $"{item.Source} (stated in the spec at {item.Location})", "as stated", "spec");
            }
            else if (item.PriceKey is { } priceKey)
            {
                key = priceKey;
                price = LookUp(priceKey, item.Unit, $"line item '{item.Item}'", item.Location, item.Region);
            }
            else
            {
                key = id;
                price = null;
                _warnings.Add(new Diagnostic(DiagnosticCodes.MissingPrice, item.Location, item.Resource is null
                    ? $"MISSING PRICE: line item '{item.Item}' at {item.Location} has neither unitPrice nor priceKey"
                    : $"MISSING PRICE: {item.Resource}: {item.Note ?? item.Item}"));
            }

            AddLine(component, item.Item, category, item.Unit, formula, Bind(formula, null, item.Location, "line item")!, null, key, price, item.Note, id: id, resource: item.Resource);
        }
    }

    private Category ParseCategory(UserLineItem item)
    {
        foreach (var c in Enum.GetValues<Category>())
        {
            if (string.Equals(c.ToString(), item.Category, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }

        var names = Enum.GetValues<Category>().Select(c => c.ToString().ToLowerInvariant());
        _bag.Add(DiagnosticCodes.NotAllowedValue, item.Location, $"line item '{item.Item}' has unknown category '{item.Category}'", Spelling.Suggest(item.Category, names) ?? "categories: " + string.Join(", ", names));
        return Category.Other;
    }

    private void AddOperationsLines()
    {
        if (_deployment.Spec.Labour is not { } labour)
        {
            return;
        }

        var rate = PriceEntry.Flat("labour/hour", Region, "hour", labour.RatePerHour, "labour rate", $"{labour.Source} (spec at {labour.Location})", "as stated", "spec");
        foreach (var c in _deployment.Components.Where(c => c.Component.OpsHoursPerMonth > 0))
        {
            var name = VariableName($"{c.Id}.ops_hours");
            Add(name, c.Component.OpsHoursPerMonth, $"catalog assumption for {c.Id}: {c.Component.OpsHoursBasis}");
            var formula = Formula.Parse(name);
            AddLine("operations", $"{c.Id} operations", Category.Operations, "hour", formula, Bind(formula, null, c.BoundAt, "operations")!, null, "labour/hour", rate, c.Component.OpsHoursBasis);
        }
    }
}
