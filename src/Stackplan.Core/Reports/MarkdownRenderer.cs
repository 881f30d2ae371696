using Stackplan.Core.Model;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Reports;

/// <summary>
/// GitHub-flavoured Markdown, a document for people. A comparison: the summary first, then each
/// deployment's bill with its sources, then the decision matrix when the report has one.
/// </summary>
public sealed partial class MarkdownRenderer : Renderer
{
    public MarkdownRenderer()
        : base(new("markdown", [".md", ".markdown"], "text/markdown", "GitHub-flavoured Markdown, charts as Mermaid"))
    {
        AddText<EstimateReport>((report, _, o) => WriteEstimate(report, o));
        AddText<Compliance.CheckReport>((check, _, o) => WriteCheck(check, o));
        AddText<AnalysisDocument>((analysis, _, o) => WriteAnalysis(analysis, o));
        AddText<Analysis.CostDiff>((diff, _, o) => DiffRenderer.WriteMarkdown(diff, o));
        AddText<DecisionDocument>((decision, _, o) => WriteDecision(decision, o));
        AddText<Explanation>((explanation, _, o) => o.Write($"# {explanation.Deployment}: {explanation.Figure}\n\n```text\n{explanation.Text.TrimEnd('\n')}\n```\n"));
    }

    private static void WriteEstimate(EstimateReport report, TextWriter o)
    {
        o.Write($"# {report.Spec.Name}: monthly cost estimate\n\n");
        o.Write($"Region {report.Spec.Region}, prices in {report.Spec.Currency} from {report.Prices.Name} (as of {report.Prices.AsOf}). ");
        o.Write("A month is 730 hours. Ranges come from the spec's low/expected/high usage.\n\n");
        WriteSummary(report, o);
        WriteCategories(report, o);
        WriteCompliance(report, o);
        foreach (var bill in report.Bills)
        {
            WriteBill(bill, o);
        }

        if (report.Matrix is { } matrix)
        {
            WriteAnalysis(DecisionMatrixDocument.Build(matrix), o, level: 2);
        }
    }

    private static string Cell(string text) => Escape.MarkdownCell(text);

    private static void WriteSummary(EstimateReport report, TextWriter o)
    {
        var placed = report.SpansPlacements;
        o.Write("## Summary\n\n| Deployment |" + (placed ? " Provider / region |" : "") + " Monthly (expected) | Range | Pods | Nodes (declared / required) | Ops hours | Complete |\n|---|" + (placed ? "---|" : "") + "---:|---|---:|---|---:|---|\n");
        foreach (var b in report.Bills)
        {
            var nodes = string.Join(", ", b.Plan.Groups.Select(g => $"{g.Declared} / {g.Required} {g.Type.Name}"));
            o.Write($"| {Cell(b.Deployment.Name)} |{(placed ? $" {Cell(EstimateReport.Placement(b))} |" : "")} {Formats.MoneyWithSymbol(b.Monthly.Expected)} | {Formats.MoneyWithSymbol(b.Monthly.Low)} – {Formats.MoneyWithSymbol(b.Monthly.High)} | {b.Plan.Pods} | {(nodes.Length == 0 ? "none" : nodes)} | {Formats.Number(b.OpsHoursPerMonth)} | {(b.IsComplete ? "yes" : $"**no: {b.MissingPrices.Count()} missing price(s)**")} |\n");
        }

        o.Write('\n');
    }

    private static void WriteCategories(EstimateReport report, TextWriter o)
    {
        o.Write("## By category (expected $/month)\n\n| Category | " + string.Join(" | ", report.Bills.Select(b => Cell(b.Deployment.Name))) + " |\n");
        o.Write("|---|" + string.Concat(report.Bills.Select(_ => "---:|")) + "\n");
        foreach (var category in report.Categories)
        {
            o.Write($"| {Formats.Kebab(category)} | " + string.Join(" | ", report.Bills.Select(b => Formats.MoneyWithSymbol(b.CategoryTotal(category).Expected))) + " |\n");
        }

        o.Write("| **total** | " + string.Join(" | ", report.Bills.Select(b => "**" + Formats.MoneyWithSymbol(b.Monthly.Expected) + "**")) + " |\n\n");
    }

    /// <summary>Compare's coverage hook: covered controls per deployment, and what each loses against the first.</summary>
    private static void WriteCompliance(EstimateReport report, TextWriter o)
    {
        if (report.Compliance.IsDefaultOrEmpty)
        {
            return;
        }

        var first = report.Compliance[0];
        o.Write($"## NIST SP 800-53 coverage ({RuleText.Baseline(first.Baseline)})\n\n| Deployment | Covered | Not addressed | Lost against {Cell(first.Deployment.ToString())} |\n|---|---|---|---|\n");
        foreach (var c in report.Compliance)
        {
            var lost = c == first ? "" : string.Join(", ", first.LostIn(c).Select(l => l.Control.Id));
            o.Write($"| {Cell(c.Deployment.ToString())} | {RuleText.CoverageLine(c)} | {string.Join(", ", c.Missing.Select(m => m.Id))} | {lost} |\n");
        }

        o.Write('\n');
    }

    private static void WriteBill(Bill bill, TextWriter o)
    {
        o.Write($"## {bill.Deployment.Name}\n\n");
        if (bill.Deployment.Option.Description is { } description)
        {
            o.Write($"{description}.\n\n");
        }

        o.Write("| Category | Component | Item | Quantity | Unit price | Monthly | Source |\n|---|---|---|---:|---:|---:|---|\n");
        foreach (var l in bill.Lines)
        {
            var monthly = l.Monthly is { } m ? Formats.Range(m) : "**MISSING PRICE**";
            var source = l.Price is { } p ? $"{Cell(p.Source)} ({p.AsOf})" : $"no price for `{l.PriceKey}`";
            o.Write($"| {Formats.Kebab(l.Category)} | {Cell(l.Component)} | {Cell(l.Item)} | {Formats.Number(l.Quantity.Expected)} {Cell(l.Unit)} | {Formats.UnitPrice(l.UnitPrice)} | {monthly} | {source} |\n");
        }

        o.Write($"| | | **total** | | | **{Formats.Range(bill.Monthly)}** | |\n\n");
        if (!bill.Warnings.IsEmpty)
        {
            o.Write("Warnings:\n\n");
            foreach (var w in bill.Warnings)
            {
                o.Write($"- {w.Message}\n");
            }

            o.Write('\n');
        }
    }
}
