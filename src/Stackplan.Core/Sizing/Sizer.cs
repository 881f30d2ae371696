using System.Collections.Immutable;
using System.Numerics;
using Stackplan.Core.Model;
using Stackplan.Core.Providers;

namespace Stackplan.Core.Sizing;

/// <summary>A pod kind as evaluated at one point: who owns it, how many, and what each requests (millicores, MiB).</summary>
public sealed record PlacedPods(string Owner, string Name, int Replicas, decimal CpuMillis, decimal MemoryMiB, bool DaemonSet, string? NodeGroup);

/// <summary>What one node group must hold and how many of its nodes that takes; <paramref name="Reserve"/> is what each node keeps for the system.</summary>
public sealed record NodeGroupPlan(
    NodeGroupSpec Group,
    InstanceType Type,
    NodeReserve Reserve,
    int Declared,
    int Required,
    int Pods,
    int DaemonSetPodsPerNode,
    decimal RequestedCpuMillis,
    decimal RequestedMemoryMiB,
    ImmutableArray<string> Unschedulable,
    int RequiredLow,
    int RequiredHigh)
{
    /// <summary>
    /// Nodes the estimate pays for: a fixed group's declared count; an autoscaling group's
    /// required count within min..max at the low and expected usage (the autoscaler never runs
    /// fewer nodes than the pods need), and its max at the high end, which the group may reach.
    /// </summary>
    public ValueRange PricedNodes => Group.IsAutoscaling
        ? new ValueRange(Math.Min(Clamp(RequiredLow), Clamp(Required)), Clamp(Required), Math.Max(Group.Max!.Value, Clamp(Required)))
        : ValueRange.Exactly(Declared);

    /// <summary>Nodes the pods need at the low, expected and high usage.</summary>
    public ValueRange RequiredNodes => ValueRange.OfPoints(RequiredLow, Required, RequiredHigh);

    /// <summary>Pods a node of this group may run: the group's <c>maxPods</c> or the instance type's.</summary>
    public int MaxPods => Group.MaxPods ?? Type.MaxPods;

    /// <summary>Share of the priced nodes' allocatable CPU that pod requests (DaemonSets included) take.</summary>
    public decimal CpuUtilisation => Ratio(RequestedCpuMillis, AllocatableCpuMillis * PricedNodes.Expected);

    public decimal MemoryUtilisation => Ratio(RequestedMemoryMiB, AllocatableMemoryMiB * PricedNodes.Expected);

    /// <summary>Millicores of one node left for pods after the system's reserve.</summary>
    public decimal AllocatableCpuMillis => (Type.VCpu * 1000m) - Reserve.CpuMillis;

    /// <summary>MiB of one node left for pods after the system's reserve (VM overhead, kubelet, eviction threshold).</summary>
    public decimal AllocatableMemoryMiB => (Type.MemoryGiB * 1024m) - Reserve.MemoryMiB;

    private int Clamp(int required) => Math.Clamp(required, Group.Min!.Value, Group.Max!.Value);

    private static decimal Ratio(decimal used, decimal capacity) => capacity <= 0 ? 0m : Math.Round(used / capacity, 4);
}

/// <summary>A serverless container task: the smallest valid CPU/memory size of the provider's service covering the pod's requests; replicas a range when the workload autoscales.</summary>
public sealed record ContainerTask(string Owner, string Name, ValueRange Replicas, decimal VCpu, decimal MemoryGb, ValueRange HoursPerMonth);

public sealed record NodePlan(
    ImmutableArray<NodeGroupPlan> Groups,
    ImmutableArray<ContainerTask> ContainerTasks,
    int Pods,
    ImmutableArray<Diagnostic> Warnings,
    ImmutableArray<PlacedPods> Footprints)
{
    public ValueRange PricedNodes => Groups.Aggregate(ValueRange.Zero, (sum, g) => sum + g.PricedNodes);

    /// <summary>Pods a component (or workload) runs at the expected usage, DaemonSet pods counted per node.</summary>
    public int PodsOf(string owner) => Footprints.Where(f => f.Owner == owner).Sum(f => f.DaemonSet ? (int)PricedNodes.Expected : f.Replicas);
}

/// <summary>Where a deployment model keeps the sizing's results: slots of the node and pod totals, each node group's nodes, each serverless task's (shape, replicas, vCPU, GB).</summary>
public sealed record SizingSlots(int Nodes, int Pods, int[] GroupNodes, (int Shape, int Replicas, int VCpu, int MemoryGb)[] Tasks);

/// <summary>
/// A pod kind bound to the deployment's variables: its figures are compiled formulas over the
/// value array (usage, settings, facts), in decimal for what is reported and in double for searches.
/// </summary>
public sealed record PodShape(
    string Owner,
    string Name,
    string? NodeGroup,
    bool DaemonSet,
    Func<decimal[], decimal> Replicas,
    Func<decimal[], decimal> CpuMillis,
    Func<decimal[], decimal> MemoryMiB,
    Func<double[], double> ReplicasFast,
    Func<double[], double> CpuMillisFast,
    Func<double[], double> MemoryMiBFast,
    ImmutableArray<int> Reads,
    ValueRange? HoursPerMonth = null);

/// <summary>
/// Sizes a deployment: packs pod requests onto each node group's allocatable capacity (after
/// the kubelet's reserve and the DaemonSets every node runs), first-fit by decreasing size, and
/// reports nodes required against nodes declared. On serverless containers, pods become tasks instead.
/// Packing ignores anti-affinity and topology spread, so "required" is a lower bound.
/// Pods of one kind are identical, so they are placed a kind at a time: the result is the same
/// as placing them one by one, and the cost grows with kinds x nodes rather than pods x nodes,
/// which is what lets every scenario of an analysis be re-sized.
/// </summary>
public sealed class Sizer
{
    private readonly EnvironmentSpec _env;
    private readonly IProviderProfile _provider;
    private readonly ImmutableArray<PodShape> _shapes;
    private readonly GroupTarget[] _groups;
    private readonly int[] _rank;
    private readonly int[][] _readIndexes;

    /// <param name="env">The environment whose node groups (or serverless containers) run the pods.</param>
    /// <param name="provider">The cloud whose node images keep the reserve and whose serverless service sizes tasks.</param>
    /// <param name="shapes">Every pod kind, in a stable order.</param>
    /// <param name="instanceTypes">Instance types by name; a group's unknown type is the caller's error to report.</param>
    public Sizer(EnvironmentSpec env, IProviderProfile provider, ImmutableArray<PodShape> shapes, Func<string, InstanceType?> instanceTypes)
    {
        _env = env;
        _provider = provider;
        _shapes = shapes;
        var defaultGroup = env.NodeGroups.FirstOrDefault(g => !g.Dedicated);
        _groups = [.. env.NodeGroups.Where(g => instanceTypes(g.InstanceType) is not null).Select(g =>
        {
            var type = instanceTypes(g.InstanceType)!;
            var members = shapes.Select((s, i) => (s, i)).Where(x => !x.s.DaemonSet && (x.s.NodeGroup == g.Name || (x.s.NodeGroup is null && g == defaultGroup))).Select(x => x.i).ToArray();
            var maxPods = g.MaxPods ?? type.MaxPods;
            return new GroupTarget(g, type, maxPods, provider.Reserve(type with { MaxPods = maxPods }), members);
        })];

        // Ties in size are broken by owner, then name, as placing pod by pod did.
        var order = Enumerable.Range(0, shapes.Length).OrderBy(i => shapes[i].Owner, StringComparer.Ordinal).ThenBy(i => shapes[i].Name, StringComparer.Ordinal).ToArray();
        _rank = new int[shapes.Length];
        for (var r = 0; r < order.Length; r++)
        {
            _rank[order[r]] = r;
        }

        Reads = [.. shapes.SelectMany(s => s.Reads).Distinct().Order()];
        _readIndexes = [.. shapes.Select(s => s.Reads.Select(slot => Reads.IndexOf(slot)).ToArray())];
        IsServerless = env.Cluster.Kind == ClusterKind.ServerlessContainers;
        _podOverheadMiB = IsServerless && env.Cluster.KubernetesOnServerless ? provider.Serverless?.KubernetesPodOverheadMiB ?? 0m : 0m;
    }

    /// <summary>MiB the serverless service adds to every pod's memory when it runs a Kubernetes cluster's pods (the provider profile says how much), before its size is chosen.</summary>
    private readonly decimal _podOverheadMiB;

    /// <summary>The variable slots any pod figure reads: varying another slot cannot change the sizing.</summary>
    public ImmutableArray<int> Reads { get; }

    public bool IsServerless { get; }

    /// <summary>The node groups that can be sized (their instance type is known), in the spec's order.</summary>
    public IEnumerable<(NodeGroupSpec Group, InstanceType Type)> Groups => _groups.Select(g => (g.Group, g.Type));

    /// <summary>
    /// Nodes each group needs at these values, written to <paramref name="required"/> (one per
    /// group, in <see cref="Groups"/> order); also the pods placed, DaemonSet pods excluded.
    /// Allocates nothing beyond small scratch arrays, so analyses can call it per scenario.
    /// </summary>
    public int RequiredNodes<T>(T[] values, Span<int> required)
        where T : IFloatingPoint<T>
    {
        var counts = new int[_shapes.Length];
        var cpu = new T[_shapes.Length];
        var mem = new T[_shapes.Length];
        Evaluate(values, counts, cpu, mem);
        var pods = 0;
        for (var g = 0; g < _groups.Length; g++)
        {
            var result = Pack(_groups[g], counts, cpu, mem, null);
            required[g] = result.Nodes;
            pods += result.Pods;
        }

        return pods;
    }

    /// <summary>
    /// Nodes of <paramref name="type"/> that group <paramref name="group"/> (in <see cref="Groups"/>
    /// order) would need to hold its pods at these values, its own <c>maxPods</c> applied; null
    /// when one of its pods, or the DaemonSets, could never schedule on such a node. What
    /// <c>stackplan size</c> asks of every candidate type.
    /// </summary>
    public int? NodesOn(int group, InstanceType type, decimal[] values)
    {
        var declared = _groups[group];
        var maxPods = declared.Group.MaxPods ?? type.MaxPods;
        var target = declared with { Type = type, MaxPods = maxPods, Reserve = _provider.Reserve(type with { MaxPods = maxPods }) };
        var counts = new int[_shapes.Length];
        var cpu = new decimal[_shapes.Length];
        var mem = new decimal[_shapes.Length];
        Evaluate(values, counts, cpu, mem);
        var unschedulable = new List<int>();
        var (nodes, _) = Pack(target, counts, cpu, mem, unschedulable);
        return unschedulable.Count == 0 ? nodes : null;
    }

    /// <summary>Pods (DaemonSets left out) group <paramref name="group"/> holds at these values.</summary>
    public int PodsIn(int group, decimal[] values)
    {
        var pods = 0;
        foreach (var i in _groups[group].Members)
        {
            pods += ReplicasOf(_shapes[i], values);
        }

        return pods;
    }

    /// <summary>The index of the pod kind <paramref name="owner"/>/<paramref name="name"/>.</summary>
    public int ShapeIndex(string owner, string name) => _shapes.Select((s, i) => (s, i)).First(x => x.s.Owner == owner && x.s.Name == name).i;

    /// <summary>
    /// Re-sizes at these values and writes the results where the model reads them: each group's
    /// priced nodes (a fixed group's declared count; an autoscaling group's need within min..max),
    /// the node and pod totals, and each serverless task's count and size. This is what makes an
    /// analysis's figure at a usage value the figure <c>compare --usage</c> gives at that value.
    /// </summary>
    public void Apply<T>(T[] values, SizingSlots slots)
        where T : IFloatingPoint<T>
    {
        var scratch = ScratchFor<T>();
        var counts = scratch.Counts;
        var cpu = scratch.Cpu;
        var mem = scratch.Mem;
        if (!scratch.Refresh(values, this))
        {
            // Nothing the pods read has moved since the last call: the last packing stands.
            WriteResults(values, slots, scratch);
            return;
        }

        for (var g = 0; g < _groups.Length; g++)
        {
            var group = _groups[g].Group;
            scratch.GroupNodes[g] = group.IsAutoscaling ? Math.Clamp(Pack(_groups[g], counts, cpu, mem, null).Nodes, group.Min!.Value, group.Max!.Value) : group.DeclaredCount;
        }

        WriteResults(values, slots, scratch);
    }

    private void WriteResults<T>(T[] values, SizingSlots slots, Scratch<T> scratch)
        where T : IFloatingPoint<T>
    {
        var nodes = 0;
        for (var g = 0; g < _groups.Length; g++)
        {
            values[slots.GroupNodes[g]] = T.CreateChecked(scratch.GroupNodes[g]);
            nodes += scratch.GroupNodes[g];
        }

        values[slots.Nodes] = T.CreateChecked(nodes);
        values[slots.Pods] = T.CreateChecked(PodsAt(scratch.Counts, nodes));
        foreach (var (shape, replicas, vcpu, memoryGb) in slots.Tasks)
        {
            values[replicas] = T.CreateChecked(scratch.Counts[shape]);
            if (_provider.Serverless?.SizeFor(decimal.CreateSaturating(scratch.Cpu[shape]), decimal.CreateSaturating(scratch.Mem[shape]) + _podOverheadMiB) is { } size)
            {
                values[vcpu] = T.CreateChecked(size.VCpu);
                values[memoryGb] = T.CreateChecked(size.MemoryGb);
            }
        }
    }

    private object? _decimalScratch;
    private object? _doubleScratch;

    /// <summary>Scratch arrays for one number type, kept between calls so re-sizing a scenario allocates nothing.</summary>
    private Scratch<T> ScratchFor<T>()
        where T : IFloatingPoint<T>
    {
        ref var slot = ref typeof(T) == typeof(decimal) ? ref _decimalScratch : ref _doubleScratch;
        return (Scratch<T>)(slot ??= new Scratch<T>(_shapes.Length, _groups.Length, Reads.Length));
    }

    /// <summary>
    /// Per number type: the pod kinds' last evaluated figures, the values of the slots they read,
    /// and the packing's working lists. <see cref="Refresh"/> re-evaluates only the kinds whose
    /// inputs moved, which in a sweep of one key is a handful.
    /// </summary>
    private sealed class Scratch<T>(int shapes, int groups, int reads)
        where T : IFloatingPoint<T>
    {
        private readonly T[] _lastReads = new T[reads];
        private readonly bool[] _changed = new bool[reads];
        private bool _primed;

        public int[] Counts { get; } = new int[shapes];

        public T[] Cpu { get; } = new T[shapes];

        public T[] Mem { get; } = new T[shapes];

        public int[] Order { get; } = new int[shapes];

        public T[] Size { get; } = new T[shapes];

        public int[] GroupNodes { get; } = new int[groups];

        public List<T> UsedCpu { get; } = [];

        public List<T> UsedMem { get; } = [];

        public List<int> UsedPods { get; } = [];

        /// <summary>Re-evaluates the kinds whose inputs changed; false when none did (the last packing stands).</summary>
        public bool Refresh(T[] values, Sizer sizer)
        {
            var any = !_primed;
            for (var r = 0; r < _lastReads.Length; r++)
            {
                var v = values[sizer.Reads[r]];
                _changed[r] = !_primed || v != _lastReads[r];
                any |= _changed[r];
                _lastReads[r] = v;
            }

            if (!any)
            {
                return false;
            }

            for (var i = 0; i < shapes; i++)
            {
                if (_primed && !sizer.ReadsChanged(i, _changed))
                {
                    continue;
                }

                var s = sizer._shapes[i];
                Counts[i] = ReplicasOf(s, values);
                Cpu[i] = T.Max(T.Zero, Value(s.CpuMillis, s.CpuMillisFast, values));
                Mem[i] = T.Max(T.Zero, Value(s.MemoryMiB, s.MemoryMiBFast, values));
            }

            _primed = true;
            return true;
        }
    }

    /// <summary>True when one of the slots pod kind <paramref name="shape"/> reads is flagged in <paramref name="changed"/> (indexed like <see cref="Reads"/>).</summary>
    private bool ReadsChanged(int shape, bool[] changed)
    {
        foreach (var r in _readIndexes[shape])
        {
            if (changed[r])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// CPU requested (millicores) at these values by the pods of <paramref name="isOwn"/> owners and
    /// by all pods, DaemonSets counted on each of <paramref name="nodes"/>: a component's share of the nodes.
    /// </summary>
    public (T Own, T Total) CpuRequests<T>(T[] values, Func<string, bool> isOwn, T nodes)
        where T : IFloatingPoint<T>
    {
        var counts = new int[_shapes.Length];
        var cpu = new T[_shapes.Length];
        var mem = new T[_shapes.Length];
        Evaluate(values, counts, cpu, mem);
        var (own, total) = (T.Zero, T.Zero);
        for (var i = 0; i < _shapes.Length; i++)
        {
            var pods = _shapes[i].DaemonSet ? (counts[i] > 0 ? nodes : T.Zero) : T.CreateChecked(counts[i]);
            var requested = pods * cpu[i];
            total += requested;
            own += isOwn(_shapes[i].Owner) ? requested : T.Zero;
        }

        return (own, total);
    }

    /// <summary>Daemon pods per node at these values (a DaemonSet gated off by its replicas formula is absent).</summary>
    public int DaemonSetsPerNode<T>(T[] values)
        where T : IFloatingPoint<T>
    {
        var n = 0;
        foreach (var s in _shapes)
        {
            if (s.DaemonSet && ReplicasOf(s, values) > 0)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>The full plan, for reporting: node groups at the three points, warnings and footprints at the expected one.</summary>
    public NodePlan Plan(decimal[] low, decimal[] expected, decimal[] high)
    {
        var counts = new int[_shapes.Length];
        var cpu = new decimal[_shapes.Length];
        var mem = new decimal[_shapes.Length];
        Evaluate(expected, counts, cpu, mem);
        var footprints = _shapes.Select((s, i) => new PlacedPods(s.Owner, s.Name, counts[i], cpu[i], mem[i], s.DaemonSet, s.NodeGroup)).ToImmutableArray();
        if (IsServerless)
        {
            return PlanServerless(low, high, counts, cpu, mem, footprints);
        }

        var warnings = ImmutableArray.CreateBuilder<Diagnostic>();
        var unplaced = _shapes.Select((s, i) => (s, i)).Where(x => !x.s.DaemonSet && x.s.NodeGroup is null && counts[x.i] > 0).ToList();
        if (unplaced.Count > 0 && _env.NodeGroups.All(g => g.Dedicated))
        {
            warnings.Add(Diagnostic.Warning(DiagnosticCodes.NoGeneralNodeGroup, $"environment '{_env.Name}' has no general node group; {unplaced.Sum(x => counts[x.i])} pods have nowhere to run"));
        }

        var lowNodes = new int[_groups.Length];
        var highNodes = new int[_groups.Length];
        RequiredNodes(low, lowNodes);
        RequiredNodes(high, highNodes);
        var groups = ImmutableArray.CreateBuilder<NodeGroupPlan>();
        for (var g = 0; g < _groups.Length; g++)
        {
            var target = _groups[g];
            var unschedulable = new List<int>();
            var packed = Pack(target, counts, cpu, mem, unschedulable);
            var group = target.Group;
            var daemonCpu = DaemonSum(counts, cpu);
            var daemonMem = DaemonSum(counts, mem);
            var daemonPods = _shapes.Where((s, i) => s.DaemonSet && counts[i] > 0).Count();
            var nodesCounted = Math.Max(packed.Nodes, group.DeclaredCount);
            var plan = new NodeGroupPlan(
                group,
                target.Type,
                target.Reserve,
                group.DeclaredCount,
                packed.Nodes,
                packed.Pods,
                daemonPods,
                target.Members.Sum(i => counts[i] * cpu[i]) + (daemonCpu * nodesCounted),
                target.Members.Sum(i => counts[i] * mem[i]) + (daemonMem * nodesCounted),
                [.. unschedulable.Select(i => $"{_shapes[i].Owner}/{_shapes[i].Name}")],
                lowNodes[g],
                highNodes[g]);
            foreach (var pod in plan.Unschedulable)
            {
                warnings.Add(Diagnostic.Warning(DiagnosticCodes.PodNeverSchedules, $"pod {pod} requests more than one {target.Type.Name} can offer after system reserve and DaemonSets; it will never schedule in group '{group.Name}'"));
            }

            if (!group.IsAutoscaling && plan.Required > plan.Declared)
            {
                warnings.Add(Diagnostic.Warning(DiagnosticCodes.TooFewNodesDeclared, $"node group '{group.Name}' declares {plan.Declared} x {target.Type.Name} but its pods' requests need at least {plan.Required}; the estimate prices the declared {plan.Declared}"));
            }
            else if (group.IsAutoscaling && plan.Required > group.Max)
            {
                warnings.Add(Diagnostic.Warning(DiagnosticCodes.MaxNodesTooLow, $"node group '{group.Name}' needs at least {plan.Required} x {target.Type.Name} but may grow to only {group.Max}"));
            }
            else if (!group.IsAutoscaling && plan.Declared > 0 && Math.Max(plan.CpuUtilisation, plan.MemoryUtilisation) < OverProvisionedBelow && plan.Required < plan.Declared)
            {
                warnings.Add(Diagnostic.Warning(DiagnosticCodes.OverProvisioned, $"node group '{group.Name}' is over-provisioned: its pods request {Formats.Percent(plan.CpuUtilisation)} of the CPU and {Formats.Percent(plan.MemoryUtilisation)} of the memory of {plan.Declared} x {target.Type.Name} (under {Formats.Percent(OverProvisionedBelow)}); by requests {plan.Required} node(s) would hold them besides the DaemonSets, before any spread over zones"));
            }

            groups.Add(plan);
        }

        var built = groups.ToImmutable();
        var nodes = built.Sum(g => g.PricedNodes.Expected);
        var podCount = PodsAt(counts, nodes);
        return new NodePlan(built, [], podCount, warnings.ToImmutable(), footprints);
    }

    /// <summary>Pods scheduled: every replica, plus each DaemonSet's pod on every priced node.</summary>
    private int PodsAt(int[] counts, decimal nodes) => PodsAt(counts, (int)nodes);

    private int PodsAt(int[] counts, int nodes)
    {
        var pods = 0;
        for (var i = 0; i < _shapes.Length; i++)
        {
            pods += _shapes[i].DaemonSet ? (counts[i] > 0 ? nodes : 0) : counts[i];
        }

        return pods;
    }

    /// <summary>The share of a fixed group's CPU or memory below which its size is flagged as over-provisioned.</summary>
    public const decimal OverProvisionedBelow = 0.40m;

    private void Evaluate<T>(T[] values, int[] counts, T[] cpu, T[] mem)
        where T : IFloatingPoint<T>
    {
        for (var i = 0; i < _shapes.Length; i++)
        {
            var s = _shapes[i];
            counts[i] = ReplicasOf(s, values);
            cpu[i] = T.Max(T.Zero, Value(s.CpuMillis, s.CpuMillisFast, values));
            mem[i] = T.Max(T.Zero, Value(s.MemoryMiB, s.MemoryMiBFast, values));
        }
    }

    private static int ReplicasOf<T>(PodShape s, T[] values)
        where T : IFloatingPoint<T>
    {
        var r = Value(s.Replicas, s.ReplicasFast, values);
        return r <= T.Zero ? 0 : int.CreateSaturating(T.Ceiling(r) is var c && c > T.CreateChecked(100_000) ? T.CreateChecked(100_000) : c);
    }

    private static T Value<T>(Func<decimal[], decimal> exact, Func<double[], double> fast, T[] values)
        where T : IFloatingPoint<T> => values switch
        {
            decimal[] d => T.CreateChecked(exact(d)),
            double[] f => T.CreateSaturating(fast(f)),
            _ => throw new NotSupportedException("values are decimal or double"),
        };

    private T DaemonSum<T>(int[] counts, T[] amounts)
        where T : IFloatingPoint<T>
    {
        var sum = T.Zero;
        for (var i = 0; i < _shapes.Length; i++)
        {
            if (_shapes[i].DaemonSet && counts[i] > 0)
            {
                sum += amounts[i];
            }
        }

        return sum;
    }

    /// <summary>First-fit decreasing, a kind at a time. Returns nodes opened and pods placed; unschedulable kinds are listed.</summary>
    private (int Nodes, int Pods) Pack<T>(GroupTarget target, int[] counts, T[] cpu, T[] mem, List<int>? unschedulable)
        where T : IFloatingPoint<T>
    {
        var scratch = ScratchFor<T>();
        var cpuPerNode = T.CreateChecked((target.Type.VCpu * 1000m) - target.Reserve.CpuMillis) - DaemonSum(counts, cpu);
        var memPerNode = T.CreateChecked((target.Type.MemoryGiB * 1024m) - target.Reserve.MemoryMiB) - DaemonSum(counts, mem);
        var daemonPods = 0;
        for (var i = 0; i < _shapes.Length; i++)
        {
            daemonPods += _shapes[i].DaemonSet && counts[i] > 0 ? 1 : 0;
        }

        var podsPerNode = target.MaxPods - daemonPods;
        var members = target.Members;
        var order = scratch.Order;
        var size = scratch.Size;
        var n = 0;
        var pods = 0;
        foreach (var i in members)
        {
            if (counts[i] == 0)
            {
                continue;
            }

            pods += counts[i];
            size[i] = T.Max(Share(cpu[i], cpuPerNode), Share(mem[i], memPerNode));
            order[n++] = i;
        }

        // Largest first, by the scarcer resource; ties by owner and name keep the result deterministic.
        // An insertion sort: a few dozen kinds, and no comparer to allocate per scenario.
        for (var k = 1; k < n; k++)
        {
            var item = order[k];
            var j = k - 1;
            while (j >= 0 && (size[order[j]] < size[item] || (size[order[j]] == size[item] && _rank[order[j]] > _rank[item])))
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = item;
        }

        var usedCpu = scratch.UsedCpu;
        var usedMem = scratch.UsedMem;
        var usedPods = scratch.UsedPods;
        usedCpu.Clear();
        usedMem.Clear();
        usedPods.Clear();
        for (var k = 0; k < n; k++)
        {
            var i = order[k];
            var podCpu = cpu[i];
            var podMem = mem[i];
            if (podCpu > cpuPerNode || podMem > memPerNode || podsPerNode < 1)
            {
                unschedulable?.Add(i);
                continue;
            }

            var left = counts[i];
            for (var node = 0; node < usedCpu.Count && left > 0; node++)
            {
                var fit = Fits(cpuPerNode - usedCpu[node], memPerNode - usedMem[node], podsPerNode - usedPods[node], podCpu, podMem);
                if (fit <= 0)
                {
                    continue;
                }

                var put = Math.Min(fit, left);
                usedCpu[node] += podCpu * T.CreateChecked(put);
                usedMem[node] += podMem * T.CreateChecked(put);
                usedPods[node] += put;
                left -= put;
            }

            var perNode = Fits(cpuPerNode, memPerNode, podsPerNode, podCpu, podMem);
            while (left > 0)
            {
                var put = Math.Min(perNode, left);
                usedCpu.Add(podCpu * T.CreateChecked(put));
                usedMem.Add(podMem * T.CreateChecked(put));
                usedPods.Add(put);
                left -= put;
            }
        }

        return (usedCpu.Count, pods);
    }

    /// <summary>How many pods of one shape fit in the room left on a node.</summary>
    private static int Fits<T>(T cpuLeft, T memLeft, int podsLeft, T podCpu, T podMem)
        where T : IFloatingPoint<T>
    {
        var fit = podsLeft;
        if (podCpu > T.Zero)
        {
            fit = Math.Min(fit, int.CreateSaturating(T.Floor(cpuLeft / podCpu)));
        }
        else if (cpuLeft < T.Zero)
        {
            return 0;
        }

        if (podMem > T.Zero)
        {
            fit = Math.Min(fit, int.CreateSaturating(T.Floor(memLeft / podMem)));
        }
        else if (memLeft < T.Zero)
        {
            return 0;
        }

        return Math.Max(0, fit);
    }

    private static T Share<T>(T request, T capacity)
        where T : IFloatingPoint<T> => capacity <= T.Zero ? T.One : request / capacity;

    private NodePlan PlanServerless(decimal[] low, decimal[] high, int[] counts, decimal[] cpu, decimal[] mem, ImmutableArray<PlacedPods> footprints)
    {
        if (_provider.Serverless is not { } service)
        {
            throw new InputException(DiagnosticCodes.UnsupportedProvider, _env.LocationOf("cluster.kind"), $"environment '{_env.Name}' runs on serverless containers, which Stackplan does not price on {_provider.DisplayName}", "use managed-kubernetes");
        }

        var warnings = ImmutableArray.CreateBuilder<Diagnostic>();
        var daemonOwners = _shapes.Where((s, i) => s.DaemonSet && counts[i] > 0).Select(s => s.Owner).Distinct().ToList();
        if (daemonOwners.Count > 0)
        {
            warnings.Add(Diagnostic.Warning(DiagnosticCodes.ServerlessDaemonSets, $"{service.Name} runs no DaemonSets: {string.Join(", ", daemonOwners)} would need a sidecar per task instead"));
        }

        var tasks = ImmutableArray.CreateBuilder<ContainerTask>();
        var order = Enumerable.Range(0, _shapes.Length).Where(i => !_shapes[i].DaemonSet).OrderBy(i => _rank[i]);
        var pods = 0;
        foreach (var i in order)
        {
            var s = _shapes[i];
            var replicas = ValueRange.OfPoints(ReplicasOf(s, low), counts[i], ReplicasOf(s, high));
            if (replicas.High == 0 && s.Reads.IsEmpty)
            {
                continue;
            }

            pods += counts[i];
            if (service.SizeFor(cpu[i], mem[i] + _podOverheadMiB) is not { } size)
            {
                warnings.Add(Diagnostic.Warning(DiagnosticCodes.ServerlessTaskTooLarge, $"task {s.Owner}/{s.Name} asks for more than {service.Name}'s largest size ({service.LargestSize})"));
                continue;
            }

            tasks.Add(new ContainerTask(s.Owner, s.Name, replicas, size.VCpu, size.MemoryGb, s.HoursPerMonth ?? ValueRange.Exactly(Money.HoursPerMonth)));
        }

        return new NodePlan([], tasks.ToImmutable(), pods, warnings.ToImmutable(), footprints);
    }

    private sealed record GroupTarget(NodeGroupSpec Group, InstanceType Type, int MaxPods, NodeReserve Reserve, int[] Members);
}
