using System.Collections.Immutable;
using System.Globalization;
using Stackplan.Core.Analysis;

namespace Stackplan.Core.Reports;

/// <summary>The decision matrix as a document: one row per factor with its winner, then the weighted score.</summary>
public static class DecisionMatrixDocument
{
    public static AnalysisDocument Build(DecisionMatrixResult m)
    {
        var rows = m.Factors.Select(f => (ImmutableArray<Cell>)
        [
            f.Factor, f.Weight.ToString(CultureInfo.InvariantCulture), .. f.Shown.Select((s, i) => Cell.Of(f.Winners.Contains(i) ? s + " ✓" : s)),
            f.Winners.IsEmpty ? "tie" : string.Join(", ", f.Winners.Select(i => m.Deployments[i])),
        ]).ToList();
        var scores = m.Deployments.Select((_, i) => m.WeightedScore(i)).ToList();
        var best = scores.Max();
        rows.Add(["weighted score", m.Factors.Sum(f => f.Weight).ToString(CultureInfo.InvariantCulture), .. scores.Select(s => new Cell(s.ToString("0.000", CultureInfo.InvariantCulture) + (s == best ? " ✓" : ""), s)), string.Join(", ", m.Deployments.Where((_, i) => scores[i] == best))]);
        return new AnalysisDocument(
            "decision-matrix",
            "Decision matrix",
            ["Each factor is computed from the bills and the catalog; ✓ marks the winner of a row. The weighted score scales each factor from 0 (worst) to 1 (best) and weighs it by analysis.weights (1 when unset)."],
            [],
            [new ResultTable("Factors", ["Factor", "Weight", .. m.Deployments, "Winner"], [.. rows]),
             new ResultTable("How each factor is computed", ["Factor", "Computed as"], [.. m.Factors.Select(f => (ImmutableArray<Cell>)[f.Factor, f.Description + (f.HigherIsBetter ? " (more is better)" : " (less is better)")])])]);
    }
}
