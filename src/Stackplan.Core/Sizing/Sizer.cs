using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Providers;
using Stackplan.Core.Resolve;

namespace Stackplan.Core.Sizing;

/// <summary>A pod to place: who owns it and what it requests.</summary>
public sealed record PodRequest(string Owner, string Name, decimal CpuMillis, decimal MemoryMiB, string? NodeGroup);

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
    ImmutableArray<string> Unschedulable)
{
    /// <summary>Nodes the estimate pays for: the declared count, or for an autoscaling group the required count within min..max.</summary>
    public ValueRange PricedNodes => Group.IsAutoscaling
        ? new ValueRange(Group.Min!.Value, Math.Clamp(Required, Group.Min!.Value, Group.Max!.Value), Group.Max!.Value)
        : ValueRange.Exactly(Declared);

    /// <summary>Share of the priced nodes' allocatable CPU that pod requests (DaemonSets included) take.</summary>
    public decimal CpuUtilisation => Ratio(RequestedCpuMillis, AllocatableCpuMillis * PricedNodes.Expected);

    public decimal MemoryUtilisation => Ratio(RequestedMemoryMiB, AllocatableMemoryMiB * PricedNodes.Expected);

    /// <summary>Millicores of one node left for pods after the system's reserve.</summary>
    public decimal AllocatableCpuMillis => (Type.VCpu * 1000m) - Reserve.CpuMillis;

    /// <summary>MiB of one node left for pods after the system's reserve and the eviction threshold.</summary>
    public decimal AllocatableMemoryMiB => (Type.MemoryGiB * 1024m) - Reserve.MemoryMiB;

    private static decimal Ratio(decimal used, decimal capacity) => capacity <= 0 ? 0m : Math.Round(used / capacity, 4);
}

/// <summary>A serverless container task: the smallest valid CPU/memory size of the provider's service covering the pod's requests.</summary>
public sealed record ContainerTask(string Owner, string Name, int Replicas, decimal VCpu, decimal MemoryGb, ValueRange HoursPerMonth);

public sealed record NodePlan(
    ImmutableArray<NodeGroupPlan> Groups,
    ImmutableArray<ContainerTask> ContainerTasks,
    int Pods,
    ImmutableArray<Diagnostic> Warnings)
{
    public ValueRange PricedNodes => Groups.Aggregate(ValueRange.Zero, (sum, g) => sum + g.PricedNodes);
}

/// <summary>
/// Sizes a deployment: packs pod requests onto each node group's allocatable capacity (after
/// the kubelet's reserve and the DaemonSets every node runs), first-fit by decreasing size, and
/// reports nodes required against nodes declared. On serverless containers, pods become tasks instead.
/// Packing ignores anti-affinity and topology spread, so "required" is a lower bound.
/// </summary>
public static class Sizer
{
    public static NodePlan Size(Deployment deployment, InstanceTypeTable instanceTypes)
    {
        var env = deployment.Environment;
        // Implicit components describe a Kubernetes cluster (CoreDNS, kube-proxy, the CNI): serverless containers run none of their pods.
        var (pods, daemonSets) = CollectPods(deployment, includeImplicit: env.Cluster.Kind != ClusterKind.ServerlessContainers);
        if (env.Cluster.Kind == ClusterKind.ServerlessContainers)
        {
            return SizeServerless(deployment, pods, daemonSets);
        }

        var bag = new DiagnosticBag();
        var warnings = ImmutableArray.CreateBuilder<Diagnostic>();
        var groups = ImmutableArray.CreateBuilder<NodeGroupPlan>();
        var defaultGroup = env.NodeGroups.FirstOrDefault(g => !g.Dedicated);
        foreach (var pod in pods.Where(p => p.NodeGroup is not null && env.NodeGroups.All(g => g.Name != p.NodeGroup)))
        {
            bag.Add(DiagnosticCodes.UnknownNodeGroup, env.Location, $"workload '{pod.Owner}' asks for node group '{pod.NodeGroup}', which environment '{env.Name}' does not have", Spelling.Suggest(pod.NodeGroup!, env.NodeGroups.Select(g => g.Name)));
        }

        if (defaultGroup is null && pods.Any(p => p.NodeGroup is null))
        {
            warnings.Add(Diagnostic.Warning(DiagnosticCodes.NoGeneralNodeGroup, $"environment '{env.Name}' has no general node group; {pods.Count(p => p.NodeGroup is null)} pods have nowhere to run"));
        }

        foreach (var group in env.NodeGroups)
        {
            var type = instanceTypes.Find(group.InstanceType);
            if (type is null)
            {
                bag.Add(DiagnosticCodes.UnknownInstanceType, group.Location, $"unknown instance type '{group.InstanceType}'", Spelling.Suggest(group.InstanceType, instanceTypes.Names) ?? "declare it under 'instanceTypes' with vcpu, memoryGiB and maxPods");
                continue;
            }

            var mine = pods.Where(p => p.NodeGroup == group.Name || (p.NodeGroup is null && group == defaultGroup)).ToList();
            groups.Add(Pack(group, type, deployment.Provider.Reserve(type), mine, daemonSets, warnings));
        }

        bag.ThrowIfAny();
        var plan = groups.ToImmutable();
        var nodes = plan.Sum(g => g.PricedNodes.Expected);
        var podCount = pods.Count + (int)(daemonSets.Count * nodes);
        return new NodePlan(plan, [], podCount, warnings.ToImmutable());
    }

    private static (List<PodRequest> Pods, List<PodRequest> DaemonSets) CollectPods(Deployment deployment, bool includeImplicit)
    {
        var pods = new List<PodRequest>();
        var daemonSets = new List<PodRequest>();
        foreach (var c in deployment.Components.Where(c => includeImplicit || !c.Component.Implicit))
        {
            foreach (var p in c.Mode.Pods)
            {
                pods.AddRange(Enumerable.Repeat(new PodRequest(c.Id, p.Name, p.CpuMillis, p.MemoryMiB, null), p.Replicas));
            }

            daemonSets.AddRange(c.Mode.DaemonSets.Select(d => new PodRequest(c.Id, d.Name, d.CpuMillis, d.MemoryMiB, null)));
        }

        foreach (var w in deployment.Spec.Workloads)
        {
            var request = new PodRequest(w.Name, w.Name, w.CpuMillis, w.MemoryMiB, w.NodeGroup);
            if (w.Kind == WorkloadKind.DaemonSet)
            {
                daemonSets.Add(request);
            }
            else
            {
                pods.AddRange(Enumerable.Repeat(request, w.Replicas));
            }
        }

        return (pods, daemonSets);
    }

    private static NodeGroupPlan Pack(NodeGroupSpec group, InstanceType type, NodeReserve reserve, List<PodRequest> pods, List<PodRequest> daemonSets, ImmutableArray<Diagnostic>.Builder warnings)
    {
        var cpuPerNode = (type.VCpu * 1000m) - reserve.CpuMillis - daemonSets.Sum(d => d.CpuMillis);
        var memPerNode = (type.MemoryGiB * 1024m) - reserve.MemoryMiB - daemonSets.Sum(d => d.MemoryMiB);
        var podsPerNode = type.MaxPods - daemonSets.Count;
        var unschedulable = ImmutableArray.CreateBuilder<string>();
        var nodes = new List<(decimal Cpu, decimal Mem, int Pods)>();

        // Largest first, by the scarcer resource; ties by name keep the result deterministic.
        decimal Size(PodRequest p) => Math.Max(Share(p.CpuMillis, cpuPerNode), Share(p.MemoryMiB, memPerNode));
        var ordered = pods.ToList();
        ordered.Sort((a, b) => Size(b).CompareTo(Size(a)) is var bySize and not 0 ? bySize
            : string.CompareOrdinal(a.Owner, b.Owner) is var byOwner and not 0 ? byOwner
            : string.CompareOrdinal(a.Name, b.Name));
        foreach (var pod in ordered)
        {
            if (pod.CpuMillis > cpuPerNode || pod.MemoryMiB > memPerNode || podsPerNode < 1)
            {
                unschedulable.Add($"{pod.Owner}/{pod.Name}");
                continue;
            }

            var index = nodes.FindIndex(n => n.Cpu + pod.CpuMillis <= cpuPerNode && n.Mem + pod.MemoryMiB <= memPerNode && n.Pods < podsPerNode);
            if (index < 0)
            {
                nodes.Add((pod.CpuMillis, pod.MemoryMiB, 1));
            }
            else
            {
                nodes[index] = (nodes[index].Cpu + pod.CpuMillis, nodes[index].Mem + pod.MemoryMiB, nodes[index].Pods + 1);
            }
        }

        foreach (var pod in unschedulable.Distinct())
        {
            warnings.Add(Diagnostic.Warning(DiagnosticCodes.PodNeverSchedules, $"pod {pod} requests more than one {type.Name} can offer after system reserve and DaemonSets; it will never schedule in group '{group.Name}'"));
        }

        var plan = new NodeGroupPlan(
            group,
            type,
            reserve,
            group.DeclaredCount,
            nodes.Count,
            pods.Count,
            daemonSets.Count,
            pods.Sum(p => p.CpuMillis) + (daemonSets.Sum(d => d.CpuMillis) * Math.Max(nodes.Count, group.DeclaredCount)),
            pods.Sum(p => p.MemoryMiB) + (daemonSets.Sum(d => d.MemoryMiB) * Math.Max(nodes.Count, group.DeclaredCount)),
            unschedulable.ToImmutable());

        if (!group.IsAutoscaling && plan.Required > plan.Declared)
        {
            warnings.Add(Diagnostic.Warning(DiagnosticCodes.TooFewNodesDeclared, $"node group '{group.Name}' declares {plan.Declared} x {type.Name} but its pods' requests need at least {plan.Required}; the estimate prices the declared {plan.Declared}"));
        }
        else if (group.IsAutoscaling && plan.Required > group.Max)
        {
            warnings.Add(Diagnostic.Warning(DiagnosticCodes.MaxNodesTooLow, $"node group '{group.Name}' needs at least {plan.Required} x {type.Name} but may grow to only {group.Max}"));
        }

        return plan;
    }

    private static decimal Share(decimal request, decimal capacity) => capacity <= 0 ? 1m : request / capacity;

    private static NodePlan SizeServerless(Deployment deployment, List<PodRequest> pods, List<PodRequest> daemonSets)
    {
        var warnings = ImmutableArray.CreateBuilder<Diagnostic>();
        if (deployment.Provider.Serverless is not { } service)
        {
            throw new InputException(DiagnosticCodes.UnsupportedProvider, deployment.Environment.LocationOf("cluster.kind"), $"environment '{deployment.Environment.Name}' runs on serverless containers, which Stackplan does not price on {deployment.Provider.DisplayName}", "use managed-kubernetes");
        }

        if (daemonSets.Count > 0)
        {
            warnings.Add(Diagnostic.Warning(DiagnosticCodes.ServerlessDaemonSets, $"{service.Name} runs no DaemonSets: {string.Join(", ", daemonSets.Select(d => d.Owner).Distinct())} would need a sidecar per task instead"));
        }

        var hoursByWorkload = deployment.Spec.Workloads.ToDictionary(w => w.Name, w => w.RunHoursPerMonth ?? ValueRange.Exactly(Money.HoursPerMonth), StringComparer.Ordinal);
        var tasks = ImmutableArray.CreateBuilder<ContainerTask>();
        foreach (var group in pods.GroupBy(p => (p.Owner, p.Name)).OrderBy(g => g.Key.Owner, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var pod = group.First();
            if (service.SizeFor(pod.CpuMillis, pod.MemoryMiB) is not { } size)
            {
                warnings.Add(Diagnostic.Warning(DiagnosticCodes.ServerlessTaskTooLarge, $"task {pod.Owner}/{pod.Name} asks for more than {service.Name}'s largest size ({service.LargestSize})"));
                continue;
            }

            var hours = hoursByWorkload.GetValueOrDefault(pod.Owner, ValueRange.Exactly(Money.HoursPerMonth));
            tasks.Add(new ContainerTask(pod.Owner, pod.Name, group.Count(), size.VCpu, size.MemoryGb, hours));
        }

        return new NodePlan([], tasks.ToImmutable(), pods.Count, warnings.ToImmutable());
    }
}
