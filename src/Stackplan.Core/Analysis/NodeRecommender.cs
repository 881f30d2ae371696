using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Sizing;

namespace Stackplan.Core.Analysis;

/// <summary>How a node group is shaped: a fixed <see cref="Count"/>, or an autoscaling <see cref="Min"/>..<see cref="Max"/>.</summary>
public sealed record GroupShape(string InstanceType, int? Count, int? Min, int? Max)
{
    public override string ToString() => Count is { } n ? $"{n} x {InstanceType}" : $"{Min}..{Max} x {InstanceType}";
}

/// <summary>
/// What <c>stackplan size</c> proposes for one node group of one deployment: the cheapest instance
/// type and count from the price book that holds the group's pods, and the monthly saving (USD per
/// month, expected usage) of the whole deployment's estimate with that change against the declared
/// group. <see cref="Proposed"/> equals <see cref="Declared"/> when nothing cheaper fits;
/// <see cref="Note"/> says why a group was left as it is, or what to check.
/// </summary>
public sealed record NodeGroupProposal(
    string Deployment,
    string Environment,
    string Group,
    string Capacity,
    GroupShape Declared,
    GroupShape Proposed,
    int Pods,
    decimal DeclaredMonthly,
    decimal ProposedMonthly,
    int Candidates,
    int Unpriced,
    NodeGroupSpec Spec,
    string? Note)
{
    /// <summary>Where the group is written in the spec.</summary>
    public SourceLocation Location => Spec.Location;

    /// <summary>
    /// The edits that write the proposal into the spec's text: the instance type and the count (or
    /// max) where each value was written. A value to change that the spec does not write itself is
    /// left out; <see cref="SpecPatch"/> reports an edit it cannot place.
    /// </summary>
    public ImmutableArray<ScalarEdit> Edits => [.. Changed("instanceType", Declared.InstanceType, Proposed.InstanceType),
        .. Changed("count", Declared.Count, Proposed.Count), .. Changed("min", Declared.Min, Proposed.Min), .. Changed("max", Declared.Max, Proposed.Max)];

    private IEnumerable<ScalarEdit> Changed<T>(string key, T declared, T proposed) =>
        !EqualityComparer<T>.Default.Equals(declared, proposed) && Spec.ValueLocation(key) is { } at
            ? [new ScalarEdit(at, Text(declared), Text(proposed))]
            : [];

    private static string Text<T>(T value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>USD per month the deployment's expected total drops by with this change alone.</summary>
    public decimal Saving => DeclaredMonthly - ProposedMonthly;

    public bool Changes => Proposed != Declared;
}

/// <summary>
/// A deployment's expected monthly total (USD per month) as declared and with every proposal for it
/// applied. <paramref name="Unpriced"/> lines have no price: both totals leave the same lines out
/// (a proposal changes only node lines, and only to priced types), so the saving compares like with like.
/// </summary>
public sealed record DeploymentSaving(string Deployment, decimal Declared, decimal Proposed, int Unpriced = 0)
{
    public decimal Saving => Declared - Proposed;
}

/// <summary>Every proposal of a run, and each deployment's totals with all of its proposals applied.</summary>
public sealed record SizingProposals(ImmutableArray<NodeGroupProposal> Groups, ImmutableArray<DeploymentSaving> Totals) : IReportDocument;

/// <summary>
/// The node-type recommender. For each node group it tries every instance type of the table that
/// has the declared type's architecture and GPUs (none for a group without) and a price in the
/// deployment's book for the group's purchase: types with no price are skipped and counted, never
/// priced at zero. A candidate fits when every pod of the group schedules on it (allocatable net
/// of the VM overhead and kubelet reserve, DaemonSets and max pods, as <see cref="Sizer"/> packs);
/// a fixed group needs the nodes its pods take at the high usage (it cannot grow) and keeps one
/// node per zone it declared, an autoscaling group keeps its min and grows its max to the high
/// usage's need. The cheapest few by node-hour price are re-estimated in full (disks and all), so
/// the saving reported is the difference <c>compare</c> shows once the change is applied.
/// </summary>
public static class NodeRecommender
{
    /// <summary>Candidates ranked by node-hour price that are re-estimated in full.</summary>
    private const int Shortlist = 5;

    public static SizingProposals Propose(Estimator estimator, PlatformSpec spec, IEnumerable<DeploymentRef> targets, IReadOnlyDictionary<string, ValueRange>? usage)
    {
        var proposals = ImmutableArray.CreateBuilder<NodeGroupProposal>();
        var totals = ImmutableArray.CreateBuilder<DeploymentSaving>();
        foreach (var target in targets)
        {
            var model = estimator.Compile(spec, target, usage);
            var declaredBill = model.ToBill();
            var declaredTotal = declaredBill.Monthly.Expected;
            var patched = spec;
            var groups = model.Sizer.Groups.ToList();
            for (var g = 0; g < groups.Count && !model.Sizer.IsServerless; g++)
            {
                var proposal = ProposeGroup(estimator, spec, target, usage, model, g, declaredTotal);
                proposals.Add(proposal);
                if (proposal.Changes)
                {
                    patched = WithGroup(patched, target.Environment, proposal.Group, proposal.Proposed);
                }
            }

            totals.Add(new DeploymentSaving(target.ToString(), declaredTotal, Expected(estimator.Compile(patched, target, usage)), declaredBill.MissingPrices.Count()));
        }

        return new SizingProposals(proposals.ToImmutable(), totals.ToImmutable());
    }

    private static NodeGroupProposal ProposeGroup(Estimator estimator, PlatformSpec spec, DeploymentRef target, IReadOnlyDictionary<string, ValueRange>? usage, DeploymentModel model, int g, decimal declaredTotal)
    {
        var (group, type) = model.Sizer.Groups.ElementAt(g);
        var deployment = model.Deployment;
        var declared = new GroupShape(group.InstanceType, group.Count, group.Min, group.Max);
        var expected = model.ValuesAt(1);
        var high = model.ValuesAt(2);
        var pods = model.Sizer.PodsIn(g, expected);
        NodeGroupProposal Keep(string note, int candidates = 0, int unpriced = 0) =>
            new(target.ToString(), target.Environment, group.Name, CapacityOf(group), declared, declared, pods, declaredTotal, declaredTotal, candidates, unpriced, group, note);

        if (deployment.Environment.Cluster.Kind == ClusterKind.KubernetesOnprem)
        {
            return Keep("on-prem servers are priced by the spec's own prices; no price book to choose from");
        }

        if (model.Sizer.PodsIn(g, high) == 0)
        {
            return Keep("no pod of the spec runs in this group; declare its workloads (workloads:, --workloads) to size it");
        }

        var ranked = new List<(InstanceType Type, GroupShape Shape, decimal Rank)>();
        var unpriced = 0;
        var candidates = 0;
        var refusals = new List<string>();
        // Ranked with the prices the estimate uses: the spec's own prices over the books, negotiated discounts off the books' list prices.
        var prices = estimator.PricesFor(spec);
        var system = IsSystemPool(deployment.Environment, group);
        // The spec's own shapes win, as when it is estimated (a shipped type redeclared with prefix delegation's max pods).
        foreach (var candidate in estimator.InstanceTypes.With(spec.InstanceTypes).All)
        {
            if (candidate.Architecture != type.Architecture || (type.Gpus > 0 ? candidate.Gpus < type.Gpus : candidate.Gpus > 0))
            {
                continue;
            }

            if (deployment.Provider.NodePoolRefusal(candidate, system) is { } refusal)
            {
                refusals.Add(refusal);
                continue;
            }

            var key = deployment.Provider.NodePriceKey(candidate.Name) + (group.Purchase is { } purchase ? "/" + purchase : "");
            if (prices.Find(deployment.Provider.Id, key, deployment.Region) is not { Unit: "hour" } price)
            {
                // Only a type this provider sells somewhere counts as skipped for want of a price here.
                unpriced += prices.RegionsWith(deployment.Provider.Id, key).Any() ? 1 : 0;
                continue;
            }

            candidates++;
            if (ShapeOn(model.Sizer, g, group, deployment.Environment.Zones, candidate, expected, high) is { } shape)
            {
                var nodes = shape.Count ?? Math.Clamp(model.Sizer.NodesOn(g, candidate, expected) ?? 0, shape.Min!.Value, shape.Max!.Value);
                var share = price.Book != "spec" && spec.DiscountFor(key) is { } discount ? 1m - discount.Share.Expected : 1m;
                ranked.Add((candidate, shape, nodes * price.FirstPaidUnitPrice * share));
            }
        }

        var best = ranked.OrderBy(r => r.Rank).ThenBy(r => r.Type.Name, StringComparer.Ordinal).Take(Shortlist)
            .Select(r => (r.Shape, Total: Expected(estimator.Compile(WithGroup(spec, target.Environment, group.Name, r.Shape), target, usage))))
            .OrderBy(r => r.Total).FirstOrDefault();
        if (best.Shape is null)
        {
            return Keep($"no priced {Describe(type)} type in {deployment.Region} holds this group's pods", candidates, unpriced);
        }

        if (best.Total >= declaredTotal)
        {
            return Keep("the declared group is already the cheapest that fits", candidates, unpriced);
        }

        var notes = new[] { type.Architecture.Length == 0 ? "the instance table does not give this provider's CPU architecture: check the proposed type runs your images" : null, Refused(refusals) };
        var note = notes.Any(n => n is not null) ? string.Join("; ", notes.Where(n => n is not null)) : null;
        return new(target.ToString(), target.Environment, group.Name, CapacityOf(group), declared, best.Shape, pods, declaredTotal, best.Total, candidates, unpriced, group, note);
    }

    /// <summary>What the provider's rules left out of the candidates, said once per rule.</summary>
    private static string? Refused(List<string> refusals) =>
        refusals.Count == 0 ? null : $"{refusals.Count} type(s) left out: {string.Join("; ", refusals.Distinct(StringComparer.Ordinal))}";

    /// <summary>
    /// Whether <paramref name="group"/> is the pool that runs the cluster's system pods: the group
    /// whose name says "system", else, when none does, the environment's first group, since a
    /// cluster's first pool is its system pool (AKS: creating a cluster "creates a system node
    /// pool" of the initial nodes, Microsoft Learn, Create node pools for a cluster in AKS).
    /// </summary>
    private static bool IsSystemPool(EnvironmentSpec environment, NodeGroupSpec group)
    {
        static bool NamedSystem(NodeGroupSpec g) => g.Name.Contains("system", StringComparison.OrdinalIgnoreCase);
        return environment.NodeGroups.Any(NamedSystem) ? NamedSystem(group) : environment.NodeGroups.FirstOrDefault() == group;
    }

    /// <summary>The group on <paramref name="type"/>, sized to hold its pods; null when one of them could never schedule there.</summary>
    private static GroupShape? ShapeOn(Sizer sizer, int g, NodeGroupSpec group, int zones, InstanceType type, decimal[] expected, decimal[] high)
    {
        if (sizer.NodesOn(g, type, high) is not { } atHigh || sizer.NodesOn(g, type, expected) is null)
        {
            return null;
        }

        // A fixed group cannot grow, so it holds the high usage; nodes spread one per zone stay so.
        return group.IsAutoscaling
            ? new GroupShape(type.Name, null, group.Min, Math.Max(group.Max!.Value, atHigh))
            : new GroupShape(type.Name, Math.Max(atHigh, Math.Min(group.DeclaredCount, zones)), null, null);
    }

    /// <summary>The spec with one environment's node group reshaped, as the patch written back would make it.</summary>
    public static PlatformSpec WithGroup(PlatformSpec spec, string environment, string group, GroupShape shape) =>
        spec with
        {
            Environments = [.. spec.Environments.Select(e => e.Name != environment ? e : e with
            {
                NodeGroups = [.. e.NodeGroups.Select(n => n.Name != group ? n : n with { InstanceType = shape.InstanceType, Count = shape.Count, Min = shape.Min, Max = shape.Max })],
            })],
        };

    private static decimal Expected(DeploymentModel model) => model.ToBill().Monthly.Expected;

    private static string CapacityOf(NodeGroupSpec group) => group.Purchase ?? (group.Capacity == CapacityType.Spot ? "spot" : "on-demand");

    private static string Describe(InstanceType type) =>
        (type.Architecture.Length > 0 ? type.Architecture : "same-architecture") + (type.Gpus > 0 ? $" GPU ({type.Gpus}+)" : "");
}
