using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Resolve;
using Stackplan.Core.Pricing;
using Stackplan.Core.Sizing;

namespace Stackplan.Core.Analysis;

public enum MigrationDecision
{
    Replace,
    Keep,
    Conditional,
    Retire,
    Add,

    /// <summary>A side has lines no price book holds: no saving can be claimed either way.</summary>
    Undecided,
}

/// <summary>A usage value at which a replacement stops (or starts) paying, found by break-even.</summary>
public sealed record Threshold(string Key, decimal Value, string CheaperBelow, string CheaperAbove, ValueRange Usage);

/// <summary>One capability's move: what it runs now and after, what each costs a month, and the decision.</summary>
public sealed record MigrationStep(
    string Capability,
    string? From,
    string? To,
    decimal FromMonthly,
    decimal ToMonthly,
    MigrationDecision Decision,
    string Reason,
    Threshold? Threshold,
    decimal EffortDays,
    MigrationRisk Risk,
    string EffortSource,
    ImmutableArray<string> After,
    int Phase)
{
    public decimal Saving => FromMonthly - ToMonthly;

    public decimal? SavingRatio => FromMonthly == 0m ? null : Saving / FromMonthly;

    /// <summary>Monthly saving per day of effort: the order within a phase.</summary>
    public decimal SavingPerEffortDay => EffortDays == 0m ? Saving : Saving / EffortDays;
}

public sealed record MigrationPhase(int Number, string Name, ImmutableArray<MigrationStep> Steps)
{
    public decimal Saving => Steps.Sum(s => s.Saving);

    public decimal EffortDays => Steps.Sum(s => s.EffortDays);
}

public sealed record MigrationPlan(string From, string To, decimal FromTotal, decimal ToTotal, ImmutableArray<MigrationStep> Steps, ImmutableArray<MigrationPhase> Phases);

/// <summary>
/// Plans a move from one deployment to another, capability by capability. A component's monthly
/// cost is its own line items plus, when it runs as pods, its share of the node lines in
/// proportion to its CPU requests: the seed's per-component figures include the servers, and a
/// replacement that removes pods shrinks the cluster. Decisions: the same component on both sides
/// is kept; a different one is conditional when the two cross (by break-even) inside a usage
/// key's low..high range, else replaced when it saves money and kept when it does not.
/// </summary>
public static class Migration
{
    private static readonly string[] PhaseNames =
        ["replace now: low risk", "replace: medium risk", "replace: high risk", "decide by volume", "keep"];

    public static MigrationPlan Plan(DeploymentModel from, DeploymentModel to, AnalysisSpec analysis)
    {
        var fromChoices = Choices(from);
        var toChoices = Choices(to);
        var capabilities = fromChoices.Keys.Concat(toChoices.Keys.Where(k => !fromChoices.ContainsKey(k))).ToList();
        var steps = new List<MigrationStep>();
        foreach (var capability in capabilities)
        {
            var f = fromChoices.GetValueOrDefault(capability);
            var t = toChoices.GetValueOrDefault(capability);
            var fromCost = f is null ? 0m : MonthlyOf(from, f);
            var toCost = t is null ? 0m : MonthlyOf(to, t);
            var (decision, reason, threshold) = (Unpriced(from, f) ?? Unpriced(to, t)) is { } missing
                ? (MigrationDecision.Undecided, $"no price for {missing}: the saving cannot be known", null)
                : Decide(from, to, f, t, fromCost, toCost);
            var (effort, risk, source, after) = Effort(analysis, f, t, decision);
            steps.Add(new MigrationStep(capability, f?.Id, t?.Id, fromCost, toCost, decision, reason, threshold, effort, risk, source, after, 0));
        }

        var phased = AssignPhases(steps);
        var phases = phased.GroupBy(s => s.Phase).OrderBy(g => g.Key)
            .Select((g, i) => new MigrationPhase(i + 1, PhaseNames[g.Key], [.. g]))
            .ToImmutableArray();
        var numbered = phases.SelectMany(p => p.Steps.Select(s => s with { Phase = p.Number })).ToImmutableArray();
        phases = [.. phases.Select(p => p with { Steps = [.. numbered.Where(s => s.Phase == p.Number)] })];
        return new MigrationPlan(from.Deployment.Name, to.Deployment.Name, from.MonthlyTotal(from.ValuesAt(1)), to.MonthlyTotal(to.ValuesAt(1)), numbered, phases);
    }

    /// <summary>The lines of a component that no price book holds, named; null when all are priced.</summary>
    private static string? Unpriced(DeploymentModel model, ResolvedComponent? component)
    {
        var missing = component is null ? [] : model.Lines.Where(l => l.Component == component.Id && l.Price is null).Select(l => l.Id).ToList();
        return missing.Count == 0 ? null : string.Join(", ", missing);
    }

    /// <summary>The component filling each capability, implicit platform pieces (control plane, NAT) left out: they are not choices.</summary>
    private static Dictionary<string, ResolvedComponent> Choices(DeploymentModel model)
    {
        var result = new Dictionary<string, ResolvedComponent>(StringComparer.Ordinal);
        foreach (var c in model.Deployment.Components.Where(c => !c.Component.Implicit))
        {
            result.TryAdd(c.Component.Capability, c);
        }

        return result;
    }

    /// <summary>A component's own lines at the expected point, plus its CPU share of the nodes when it runs as pods.</summary>
    public static decimal MonthlyOf(DeploymentModel model, ResolvedComponent component) =>
        ScenarioEvaluator.Create(model, [], l => l.Component == component.Id).Constant + ComputeShare(model, component);

    public static decimal ComputeShare(DeploymentModel model, ResolvedComponent component) => new NodeShare(model, [component.Id], null).Expected;

    private static (MigrationDecision, string, Threshold?) Decide(DeploymentModel from, DeploymentModel to, ResolvedComponent? f, ResolvedComponent? t, decimal fromCost, decimal toCost)
    {
        if (f is null)
        {
            return (MigrationDecision.Add, "new in the target", null);
        }

        if (t is null)
        {
            return (MigrationDecision.Retire, "not in the target", null);
        }

        if (f.Id == t.Id)
        {
            return (MigrationDecision.Keep, "the same component moves with the cluster", null);
        }

        foreach (var usage in to.Deployment.Usage.Where(u => !u.Value.IsExact && from.SlotOf.ContainsKey(u.Key) && to.SlotOf.ContainsKey(u.Key)))
        {
            var a = Side(from, f, usage.Key);
            var b = Side(to, t, usage.Key);
            if (a.Evaluator.DependentLineIds.IsEmpty && b.Evaluator.DependentLineIds.IsEmpty)
            {
                continue;
            }

            var result = BreakEven.Find(usage.Key, a, b, 0m, Math.Max(1m, usage.Value.High * 10m), curveSteps: 1);
            if (result.Crossings.FirstOrDefault(c => !c.IsStep) is { } c)
            {
                var threshold = new Threshold(usage.Key, c.Value, c.CheaperBelow, c.CheaperAbove, usage.Value);
                if (c.Value >= usage.Value.Low && c.Value <= usage.Value.High)
                {
                    return (MigrationDecision.Conditional, $"{c.CheaperBelow} is cheaper below {usage.Key} = {Formats.Number(c.Value)}, {c.CheaperAbove} above; the usage range {usage.Value} spans it", threshold);
                }

                return toCost < fromCost
                    ? (MigrationDecision.Replace, $"cheaper across the usage range; break-even at {usage.Key} = {Formats.Number(c.Value)}", threshold)
                    : (MigrationDecision.Keep, $"dearer across the usage range; break-even at {usage.Key} = {Formats.Number(c.Value)}", threshold);
            }
        }

        return toCost < fromCost
            ? (MigrationDecision.Replace, "cheaper at the expected usage", null)
            : (MigrationDecision.Keep, toCost == fromCost ? "no cheaper at the expected usage" : "dearer at the expected usage", null);
    }

    /// <summary>How an error names a usage value the break-even search tried itself (from 0 up), which no option gave.</summary>
    internal const string SearchedBy = "the break-even search over";

    private static CostSide Side(DeploymentModel model, ResolvedComponent component, string key) =>
        new(component.Id, model.Deployment.Name, ScenarioEvaluator.Create(model, [key], l => l.Component == component.Id, SearchedBy), new NodeShare(model, [component.Id], key));

    /// <summary>Effort and risk from analysis.migration (by the current component, then the replacement), else from the replacement's catalog setup.</summary>
    private static (decimal Days, MigrationRisk Risk, string Source, ImmutableArray<string> After) Effort(AnalysisSpec analysis, ResolvedComponent? f, ResolvedComponent? t, MigrationDecision decision)
    {
        if (decision == MigrationDecision.Keep && f?.Id == t?.Id)
        {
            return (0m, MigrationRisk.Low, "nothing to move", []);
        }

        foreach (var id in new[] { f?.Id, t?.Id }.OfType<string>())
        {
            if (analysis.Migration.TryGetValue(id, out var e))
            {
                return (e.EffortDays, e.Risk, $"analysis.migration.{id}" + (e.Note is { } n ? $": {n}" : ""), e.After);
            }
        }

        var setup = (t ?? f)!.Component.Setup;
        return setup switch
        {
            "low" => (2m, MigrationRisk.Low, $"catalog setup '{setup}' of {(t ?? f)!.Id}: 2 days assumed", []),
            "high" => (10m, MigrationRisk.High, $"catalog setup '{setup}' of {(t ?? f)!.Id}: 10 days assumed", []),
            _ => (5m, MigrationRisk.Medium, $"catalog setup '{setup}' of {(t ?? f)!.Id}: 5 days assumed", []),
        };
    }

    /// <summary>
    /// Phase by decision and risk, then never before a step it depends on; within a phase, steps
    /// that others wait for first, then by monthly saving per day of effort.
    /// </summary>
    private static List<MigrationStep> AssignPhases(List<MigrationStep> steps)
    {
        int Base(MigrationStep s) => s.Decision switch
        {
            MigrationDecision.Keep => 4,
            MigrationDecision.Conditional or MigrationDecision.Undecided => 3,
            _ => (int)s.Risk,
        };

        // Keyed by capability: each step fills exactly one.
        var byComponent = new Dictionary<string, MigrationStep>(StringComparer.Ordinal);
        foreach (var s in steps)
        {
            foreach (var id in new[] { s.From, s.To }.OfType<string>())
            {
                byComponent.TryAdd(id, s);
            }
        }

        var phase = steps.ToDictionary(s => s.Capability, Base, StringComparer.Ordinal);
        var depth = steps.ToDictionary(s => s.Capability, _ => 0, StringComparer.Ordinal);
        for (var round = 0; round < steps.Count; round++)
        {
            var changed = false;
            foreach (var s in steps)
            {
                // Only a dependency that moves holds a step back; one that stays put is ready already.
                var dependencies = s.After.Select(a => byComponent.GetValueOrDefault(a)).OfType<MigrationStep>()
                    .Where(d => d.Capability != s.Capability && d.Decision != MigrationDecision.Keep);
                foreach (var d in dependencies)
                {
                    if (phase[d.Capability] > phase[s.Capability] && phase[s.Capability] != 4)
                    {
                        phase[s.Capability] = phase[d.Capability];
                        changed = true;
                    }

                    if (phase[d.Capability] == phase[s.Capability] && depth[s.Capability] <= depth[d.Capability])
                    {
                        depth[s.Capability] = depth[d.Capability] + 1;
                        changed = true;
                    }
                }
            }

            if (!changed)
            {
                break;
            }
        }

        return [.. steps.Select(s => s with { Phase = phase[s.Capability] })
            .OrderBy(s => s.Phase).ThenBy(s => depth[s.Capability]).ThenByDescending(s => s.SavingPerEffortDay).ThenBy(s => s.Capability, StringComparer.Ordinal)];
    }
}
