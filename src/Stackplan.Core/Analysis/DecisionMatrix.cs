using System.Collections.Immutable;
using System.Globalization;
using Stackplan.Core.Model;
using Stackplan.Core.Resolve;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Analysis;

/// <summary>One factor scored for each deployment: the raw value, how it reads, and whether more is better.</summary>
public sealed record FactorScore(string Factor, string Description, bool HigherIsBetter, decimal Weight, ImmutableArray<decimal> Values, ImmutableArray<string> Shown)
{
    /// <summary>The deployments (by index) with the best value; all of them when they tie.</summary>
    public ImmutableArray<int> Winners
    {
        get
        {
            var best = HigherIsBetter ? Values.Max() : Values.Min();
            return Values.All(v => v == best) ? [] : [.. Values.Select((v, i) => (v, i)).Where(x => x.v == best).Select(x => x.i)];
        }
    }

    /// <summary>0 for the worst deployment, 1 for the best, linear between.</summary>
    public decimal Normalised(int index)
    {
        var (min, max) = (Values.Min(), Values.Max());
        if (max == min)
        {
            return 1m;
        }

        var share = (Values[index] - min) / (max - min);
        return HigherIsBetter ? share : 1m - share;
    }
}

public sealed record DecisionMatrixResult(ImmutableArray<string> Deployments, ImmutableArray<FactorScore> Factors)
{
    public decimal WeightedScore(int index)
    {
        var weights = Factors.Sum(f => f.Weight);
        return weights == 0m ? 0m : Math.Round(Factors.Sum(f => f.Weight * f.Normalised(index)) / weights, 3);
    }
}

/// <summary>
/// Seeds 000 and 003 weigh options by factor (cost, HA, NIST, setup speed, operations, lock-in,
/// portability, capabilities with no equivalent). Each factor here is computed from the bills
/// and the catalog, not typed in; the spec's analysis.weights sets how much each counts.
/// </summary>
public static class DecisionMatrix
{
    public static DecisionMatrixResult Build(IReadOnlyList<Bill> bills, AnalysisSpec analysis, Labour? labour)
    {
        decimal Weight(string factor) => analysis.Weights.TryGetValue(factor, out var w) ? w : 1m;
        FactorScore Factor(string name, string description, bool higherIsBetter, Func<Bill, decimal> value, Func<Bill, decimal, string> shown)
        {
            var values = bills.Select(value).ToImmutableArray();
            return new FactorScore(name, description, higherIsBetter, Weight(name), values, [.. bills.Select((b, i) => shown(b, values[i]))]);
        }

        static IEnumerable<ResolvedComponent> Chosen(Bill b) => b.Deployment.Components.Where(c => !c.Component.Implicit);
        static bool Replicated(Bill b, ResolvedComponent c)
        {
            var pods = b.Plan.Footprints.Where(p => p.Owner == c.Id && !p.DaemonSet && p.Replicas > 0).ToList();
            return c.Component.Kind == ComponentKind.Managed || (pods.Count > 0 && pods.All(p => p.Replicas >= 2)) || (pods.Count == 0 && !c.Mode.DaemonSets.IsEmpty);
        }

        var allCapabilities = bills.SelectMany(b => Chosen(b).Select(c => c.Component.Capability)).ToHashSet(StringComparer.Ordinal);
        FactorScore[] factors =
        [
            Factor("cost", "monthly total, expected", false, b => b.Monthly.Expected, (_, v) => Formats.MoneyWithSymbol(v)),
            labour is null
                ? Factor("operations", "operations hours a month (catalog)", false, b => b.OpsHoursPerMonth, (_, v) => $"{Formats.Number(v)} h")
                : Factor("operations", $"operations hours a month x {Formats.MoneyWithSymbol(labour.RatePerHour)}/h", false, b => b.OpsHoursPerMonth * labour.RatePerHour, (b, v) => $"{Formats.Number(b.OpsHoursPerMonth)} h = {Formats.MoneyWithSymbol(v)}"),
            Factor("ha", "zones (up to 3) plus the share of components replicated or managed", true,
                b => Math.Min(3, b.Deployment.Environment.Zones) + Share(Chosen(b), c => Replicated(b, c)),
                (b, _) => $"{b.Deployment.Environment.Zones} zone(s), {Chosen(b).Count(c => Replicated(b, c))}/{Chosen(b).Count()} replicated"),
            Factor("nist", "distinct NIST 800-53 controls the components support", true,
                b => Chosen(b).SelectMany(c => c.Component.Controls.Select(x => x.ControlId)).Distinct(StringComparer.Ordinal).Count(), (_, v) => $"{Formats.Number(v)} controls"),
            Factor("setup", "setup complexity: catalog setup low 1, medium 2, high 3, summed", false,
                b => Chosen(b).Sum(c => c.Component.Setup switch { "low" => 1, "high" => 3, _ => 2 }), (_, v) => Formats.Number(v)),
            Factor("lock-in", "catalog lock-in: low 1, medium 2, high 3, summed", false,
                b => Chosen(b).Sum(c => (int)c.Component.LockIn), (b, v) => $"{Formats.Number(v)} ({Chosen(b).Count(c => c.Component.LockIn == LockIn.High)} high)"),
            Factor("portability", "share of components that run on any Kubernetes (self-managed)", true,
                b => Share(Chosen(b), c => c.Component.Kind == ComponentKind.SelfManaged), (_, v) => Formats.Percent(v)),
            Factor("capabilities", "capabilities filled, of those any compared deployment fills", true,
                b => Chosen(b).Select(c => c.Component.Capability).Distinct(StringComparer.Ordinal).Count(),
                (b, v) => allCapabilities.Except(Chosen(b).Select(c => c.Component.Capability)).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } missing
                    ? $"{Formats.Number(v)}/{allCapabilities.Count}, no {string.Join(", ", missing)}" : $"{Formats.Number(v)}/{allCapabilities.Count}"),
        ];
        return new DecisionMatrixResult([.. bills.Select(b => b.Deployment.Name)], [.. factors]);
    }

    private static decimal Share(IEnumerable<ResolvedComponent> components, Func<ResolvedComponent, bool> test)
    {
        var list = components.ToList();
        return list.Count == 0 ? 0m : Math.Round((decimal)list.Count(test) / list.Count, 3);
    }
}
