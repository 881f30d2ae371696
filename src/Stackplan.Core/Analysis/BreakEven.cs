using System.Collections.Immutable;

namespace Stackplan.Core.Analysis;

/// <summary>
/// One side of a break-even: a named set of line items, plus, for components compared on their own,
/// their share of the nodes (re-sized at each value), as a function of the varied key.
/// </summary>
/// <param name="LeftOutNodes">A component side's share of the nodes when it is not counted (no --with-nodes), so the output can say what is left out.</param>
public sealed record CostSide(string Label, string Deployment, ScenarioEvaluator Evaluator, NodeShare? Nodes = null, NodeShare? LeftOutNodes = null)
{
    public decimal At(decimal value) => Evaluator.EvaluateExact([value]) + (Nodes?.At(value) ?? 0m);

    public double AtFast(double value) => Evaluator.Evaluate([value]) + (Nodes?.AtFast(value) ?? 0);
}

/// <summary>Both sides' monthly cost at one value of the varied key.</summary>
public sealed record CurvePoint(decimal Value, decimal CostA, decimal CostB)
{
    public decimal Difference => CostA - CostB;
}

/// <summary>
/// Where the two sides cost the same. <see cref="IsStep"/> marks a crossing at a jump (a ceil, a
/// tier that starts with a fixed fee): no value there makes them equal to the cent, and
/// <see cref="Value"/> is where the jump is.
/// </summary>
public sealed record Crossing(decimal Value, decimal CostA, decimal CostB, string CheaperBelow, string CheaperAbove, bool IsStep);

public sealed record BreakEvenResult(
    string Key,
    decimal From,
    decimal To,
    CostSide A,
    CostSide B,
    ImmutableArray<Crossing> Crossings,
    ImmutableArray<CurvePoint> Curve)
{
    /// <summary>When they never cross: the side cheaper across the whole range (null if equal throughout).</summary>
    public string? CheaperThroughout => !Crossings.IsEmpty ? null
        : Curve.All(p => p.Difference == 0m) ? null
        : Curve.Sum(p => p.Difference) < 0m ? A.Label : B.Label;
}

/// <summary>
/// Finds where two cost curves in one usage key meet. Costs are piecewise linear in one key
/// (tiers, max(0, ...), ceil), so a dense scan in double finds every sign change of the
/// difference that lasts longer than a scan step; each is then bisected in decimal on the exact,
/// cent-rounded totals until the two agree within a cent, and the value is shortened to the fewest
/// decimals that still agree, so feeding it back with --usage reproduces the equality.
/// </summary>
public static class BreakEven
{
    public const decimal Tolerance = 0.01m;
    private const int ScanPoints = 4096;

    public static BreakEvenResult Find(string key, CostSide a, CostSide b, decimal from, decimal to, int curveSteps = 20)
    {
        var crossings = ImmutableArray.CreateBuilder<Crossing>();
        var width = to - from;
        decimal At(int i) => i == ScanPoints ? to : from + (width * i / ScanPoints);
        double DiffFast(decimal x) => a.AtFast((double)x) - b.AtFast((double)x);

        // A sign change between the last non-zero difference and the next one is a crossing; a
        // difference that only touches zero (both sides free at 0, say) is not.
        var lastSign = Math.Sign(DiffFast(from));
        var lastIndex = 0;
        for (var i = 1; i <= ScanPoints; i++)
        {
            var sign = Math.Sign(DiffFast(At(i)));
            if (sign == 0)
            {
                continue;
            }

            if (lastSign != 0 && sign != lastSign)
            {
                // Confirm on the exact totals, widening by a scan step where double rounding blurred the edge.
                var lo = At(Math.Max(0, lastIndex - 1));
                var hi = At(Math.Min(ScanPoints, i + 1));
                if (Refine(a, b, lo, hi) is { } crossing && (crossings.Count == 0 || crossings[^1].Value != crossing.Value))
                {
                    crossings.Add(crossing);
                }
            }

            lastSign = sign;
            lastIndex = i;
        }

        var curve = Enumerable.Range(0, curveSteps + 1)
            .Select(i => i == curveSteps ? to : from + (width * i / curveSteps))
            .Select(x => new CurvePoint(x, a.At(x), b.At(x)))
            .ToImmutableArray();
        return new BreakEvenResult(key, from, to, a, b, crossings.ToImmutable(), curve);
    }

    private static Crossing? Refine(CostSide a, CostSide b, decimal lo, decimal hi)
    {
        decimal Diff(decimal x) => a.At(x) - b.At(x);
        var dLo = Diff(lo);
        var dHi = Diff(hi);
        if (Math.Abs(dLo) <= Tolerance)
        {
            return Build(a, b, lo, lo, hi, isStep: false);
        }

        if (Math.Sign(dLo) == Math.Sign(dHi))
        {
            return null;
        }

        var (l, h) = (lo, hi);
        for (var i = 0; i < 200 && h - l > 0m; i++)
        {
            var mid = (l + h) / 2;
            var d = Diff(mid);
            if (Math.Abs(d) <= Tolerance / 2)
            {
                return Build(a, b, Shorten(mid, l, h, Diff), lo, hi, isStep: false);
            }

            if (Math.Sign(d) == Math.Sign(dLo))
            {
                l = mid;
            }
            else
            {
                h = mid;
            }

            if (h - l < 1e-18m)
            {
                break;
            }
        }

        var found = Math.Abs(Diff(l)) <= Tolerance ? l : Math.Abs(Diff(h)) <= Tolerance ? h : (decimal?)null;
        return found is { } x ? Build(a, b, Shorten(x, l, h, Diff), lo, hi, isStep: false) : Build(a, b, Shorten(h, l, h, d => Diff(d) == Diff(h) ? 0m : 1m), lo, hi, isStep: true);
    }

    /// <summary>The value with the fewest decimals, near <paramref name="x"/>, at which the sides still agree within a cent.</summary>
    private static decimal Shorten(decimal x, decimal lo, decimal hi, Func<decimal, decimal> diff)
    {
        for (var digits = 0; digits <= 12; digits++)
        {
            foreach (var candidate in new[] { Math.Round(x, digits), Math.Floor(x * Pow10(digits)) / Pow10(digits), Math.Ceiling(x * Pow10(digits)) / Pow10(digits) })
            {
                if (candidate >= lo && candidate <= hi && Math.Abs(diff(candidate)) <= Tolerance)
                {
                    return candidate;
                }
            }
        }

        return x;
    }

    private static decimal Pow10(int digits)
    {
        var p = 1m;
        for (var i = 0; i < digits; i++)
        {
            p *= 10m;
        }

        return p;
    }

    private static Crossing Build(CostSide a, CostSide b, decimal x, decimal lo, decimal hi, bool isStep)
    {
        var below = a.At(lo) < b.At(lo) ? a.Label : b.Label;
        var above = a.At(hi) < b.At(hi) ? a.Label : b.Label;
        return new Crossing(x.Normalize(), a.At(x), b.At(x), below, above, isStep);
    }
}

internal static class DecimalExtensions
{
    /// <summary>Drops trailing zeros (2.500 to 2.5), so a reported value reads as typed.</summary>
    public static decimal Normalize(this decimal value) => value / 1.000000000000000000000000000000000m;
}
