using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Analysis;

namespace Stackplan.Core.Reports;

public static class TcoDocument
{
    public static AnalysisDocument Build(string specName, IReadOnlyList<TcoResult> results)
    {
        var summary = results.Select(r => (ImmutableArray<Cell>)
        [
            r.Scenario.Name, Cell.Value(r.Years), Cell.Money(r.OnPremTotal), Cell.Money(r.CloudTotal), Cell.Money(r.Saving),
            new Cell(Formats.Percent(r.SavingRatio), Math.Round(r.SavingRatio, 4)),
            r.PaybackMonth is { } p ? Cell.Value(p) : Cell.Of("never"),
            Cell.Money(r.OnPremMonthlyFirstYear), Cell.Money(r.CloudMonthlyFirstYear), Cell.Money(r.MonthlySaving),
            r.OnPremMonthlyFirstYear == 0m ? Cell.Of("n/a") : new Cell(Formats.Percent(r.MonthlySaving / r.OnPremMonthlyFirstYear), Math.Round(r.MonthlySaving / r.OnPremMonthlyFirstYear, 4)),
            r.CheaperOverHorizon,
            r.Crossings.IsEmpty ? Cell.Of("none") : Cell.Of(string.Join("; ", r.Crossings.Select(c => $"month {c.Month}: {c.CheaperFrom} cheaper from then"))),
        ]);
        var tables = new List<ResultTable>
        {
            new("Summary", ["Scenario", "Years", "On-prem total", "Cloud total", "Saving", "Saving ratio", "Payback month", "On-prem monthly", "Cloud monthly", "Monthly saving", "Monthly saving ratio", "Cheaper over the horizon", "Crossings"], [.. summary]),
        };
        foreach (var r in results)
        {
            tables.Add(new ResultTable($"{r.Scenario.Name}: what each side pays over {r.Years} year(s)", ["Item", "On-prem", "Cloud", "Basis"],
                [.. r.Items.Select(i => (ImmutableArray<Cell>)[i.Item, Cell.Money(i.OnPrem), Cell.Money(i.Cloud), i.Basis]),
                 ["total", Cell.Money(r.OnPremTotal), Cell.Money(r.CloudTotal), $"saving {Formats.MoneyWithSymbol(r.Saving)} ({Formats.Percent(r.SavingRatio)})"]]));
            tables.Add(new ResultTable($"{r.Scenario.Name}: cumulative cost by year", ["Year", "On-prem that year", "Cloud that year", "On-prem cumulative", "Cloud cumulative"],
                [.. r.ByYear.Select(y => (ImmutableArray<Cell>)[Cell.Value(y.Year), Cell.Money(y.OnPrem), Cell.Money(y.Cloud), Cell.Money(y.OnPremCumulative), Cell.Money(y.CloudCumulative)])]));
        }

        var findings = results.Select(r =>
            $"{r.Scenario.Name}{(r.Scenario.Description is { } d ? $" ({d})" : "")}: over {r.Years} year(s) on-prem costs {Formats.MoneyWithSymbol(r.OnPremTotal)} and cloud {Formats.MoneyWithSymbol(r.CloudTotal)}, " +
            (r.Saving >= 0m ? $"a saving of {Formats.MoneyWithSymbol(r.Saving)} ({Formats.Percent(r.SavingRatio)}); " : $"so the cloud costs {Formats.MoneyWithSymbol(-r.Saving)} more; ") +
            (r.Crossings.IsEmpty ? $"{(r.CheaperOverHorizon == "neither" ? "neither side" : r.CheaperOverHorizon)} is cheaper throughout; " : "the cumulative costs cross in " + string.Join(" and ", r.Crossings.Select(c => $"month {c.Month} ({c.CheaperFrom} cheaper from then)")) + "; ") +
            (r.PaybackMonth is { } p ? $"the move pays for itself in month {p}." : "the move to the cloud does not pay for itself within the horizon.") +
            (r.Scenario.GrowthPerYear != 0m ? $" Run rates grow {Formats.Percent(r.Scenario.GrowthPerYear)} a year." : "") +
            (r.Scenario.DiscountRate != 0m ? $" Discounted at {Formats.Percent(r.Scenario.DiscountRate)} a year." : ""));
        var chart = results.Count == 0 ? null : new LineChart($"Cumulative cost: {results[0].Scenario.Name}", "year", "USD",
            [.. results[0].ByYear.Select(y => (decimal)y.Year)],
            [("on-prem", [.. results[0].ByYear.Select(y => y.OnPremCumulative)]), ("cloud", [.. results[0].ByYear.Select(y => y.CloudCumulative)])]);
        return new AnalysisDocument("tco", $"Total cost of ownership: {specName}", [.. findings], [], [.. tables], chart);
    }
}
