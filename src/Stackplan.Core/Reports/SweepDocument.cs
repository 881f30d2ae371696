using System.Collections.Immutable;
using System.Globalization;
using Stackplan.Core.Model;
using Stackplan.Core.Analysis;

namespace Stackplan.Core.Reports;

public static class SweepDocument
{
    public static AnalysisDocument Grid(SweepResult r)
    {
        var keys = r.Axes.Select(a => a.Key).ToList();
        var rows = r.Points.Select(p => (ImmutableArray<Cell>)[.. p.Values.Select(Cell.Value), .. p.Totals.Select(Cell.Money)]);
        LineChart? chart = r.Axes.Length != 1 ? null
            : new LineChart($"Monthly total by {keys[0]}", keys[0], "USD per month", [.. r.Points.Select(p => p.Values[0])],
                [.. r.Deployments.Select((d, i) => (d, (ImmutableArray<decimal>)[.. r.Points.Select(p => p.Totals[i])]))]);
        return new AnalysisDocument(
            "sweep",
            $"Sweep of {string.Join(" x ", keys)}",
            [$"{r.Points.Length} point(s) x {r.Deployments.Length} deployment(s); every other input at its expected value; each total computed in decimal with the bill's cent rounding."],
            [.. r.Axes.Select(a => (a.Key, Cell.Of($"{Formats.Number(a.From)}..{Formats.Number(a.To)} in {a.Steps} step(s)")))],
            [new ResultTable("Monthly total", [.. keys, .. r.Deployments], [.. rows])],
            chart);
    }

    public static AnalysisDocument MonteCarlo(IReadOnlyList<MonteCarloResult> results)
    {
        var first = results[0];
        var rows = results.Select(m => (ImmutableArray<Cell>)[m.Deployment, string.Join(", ", m.SampledKeys), Cell.Money(m.Min), Cell.Money(m.P10), Cell.Money(m.P50), Cell.Money(m.P90), Cell.Money(m.Max)]);
        return new AnalysisDocument(
            "monte-carlo",
            $"Monte Carlo over the usage ranges ({first.Samples.ToString("#,##0", CultureInfo.InvariantCulture)} samples, seed {first.Seed})",
            ["Each usage key given as low/expected/high is drawn from a triangular distribution with the expected value as its mode; the same seed gives the same samples, and a key shared by two deployments gets the same draws in both.",
             "Percentiles are nearest-rank; each is the exact decimal total of its own sample."],
            [("Samples", Cell.Value(first.Samples)), ("Seed", Cell.Of(first.Seed.ToString(CultureInfo.InvariantCulture)))],
            [new ResultTable("Monthly total percentiles", ["Deployment", "Sampled keys", "Min", "P10", "P50", "P90", "Max"], [.. rows])]);
    }
}
