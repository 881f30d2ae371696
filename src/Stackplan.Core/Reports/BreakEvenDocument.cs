using Stackplan.Core.Model;
using Stackplan.Core.Analysis;

namespace Stackplan.Core.Reports;

public static class BreakEvenDocument
{
    private static string Describe(CostSide side, string key) =>
        $"{side.Label} ({side.Deployment}, {side.Evaluator.DependentLineIds.Length} line(s) vary with {key}" +
        (side.Nodes is { Expected: not 0m } n ? $", plus its CPU share of the nodes, {Formats.MoneyWithSymbol(n.Expected)} at the expected usage and re-sized at each value)"
            : side.LeftOutNodes is { Expected: not 0m } left ? $"; its own lines only: its CPU share of the nodes, {Formats.MoneyWithSymbol(left.Expected)} at the expected usage, is left out, --with-nodes counts it)"
            : ")");

    public static AnalysisDocument Build(BreakEvenResult r)
    {
        var findings = new List<string>();
        foreach (var c in r.Crossings)
        {
            findings.Add(c.IsStep
                ? $"They cross at a step: at {r.Key} = {Formats.Number(c.Value)} the cost jumps past equality ({r.A.Label} {Formats.MoneyWithSymbol(c.CostA)}, {r.B.Label} {Formats.MoneyWithSymbol(c.CostB)}); no value makes them equal to the cent."
                : $"Break-even at {r.Key} = {Formats.Plain(c.Value)}: {r.A.Label} {Formats.MoneyWithSymbol(c.CostA)} vs {r.B.Label} {Formats.MoneyWithSymbol(c.CostB)} a month. Below it {c.CheaperBelow} is cheaper; above it {c.CheaperAbove}.");
        }

        if (r.Crossings.IsEmpty)
        {
            findings.Add(r.CheaperThroughout is { } cheaper
                ? $"They never cross between {Formats.Number(r.From)} and {Formats.Number(r.To)}: {cheaper} is cheaper throughout."
                : $"They cost the same throughout {Formats.Number(r.From)}..{Formats.Number(r.To)}.");
        }

        var rows = r.Curve.Select(p => (System.Collections.Immutable.ImmutableArray<Cell>)[Cell.Value(p.Value), Cell.Money(p.CostA), Cell.Money(p.CostB), Cell.Money(p.Difference)]);
        return new AnalysisDocument(
            "breakeven",
            $"Break-even of {r.A.Label} and {r.B.Label} by {r.Key}",
            [.. findings],
            [("A", Cell.Of(Describe(r.A, r.Key))),
             ("B", Cell.Of(Describe(r.B, r.Key))),
             ("Range", Cell.Of($"{Formats.Number(r.From)}..{Formats.Number(r.To)}")),
             .. r.Crossings.Select((c, i) => ($"Break-even {i + 1}", c.IsStep ? Cell.Of($"step at {Formats.Plain(c.Value)}") : new Cell(Formats.Plain(c.Value), c.Value)))],
            [new ResultTable("Monthly cost by " + r.Key, [r.Key, $"{r.A.Label} ($/month)", $"{r.B.Label} ($/month)", "A - B"], [.. rows])],
            new LineChart($"{r.A.Label} vs {r.B.Label}", r.Key, "USD per month", [.. r.Curve.Select(p => p.Value)],
                [(r.A.Label, [.. r.Curve.Select(p => p.CostA)]), (r.B.Label, [.. r.Curve.Select(p => p.CostB)])]));
    }
}
