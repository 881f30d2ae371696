using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Stackplan.Core.Compliance;
using Stackplan.Core.Model;
using Stackplan.Core.Pricing;
using Stackplan.Core.Reports;

namespace Stackplan.Cli;

/// <summary>
/// The terminal format (the default): every document drawn with Spectre.Console tables, coloured
/// only when <see cref="RenderSettings.Color"/> says so (a terminal, NO_COLOR unset).
/// </summary>
public sealed class TableRenderer : Renderer
{
    public TableRenderer()
        : base(new("table", [".txt"], "text/plain", "tables for a terminal"))
    {
        AddSpectre<EstimateReport>((console, report, settings) => WriteEstimate(console, report, lineItems: !settings.Brief));
        AddSpectre<CheckReport>((console, check, _) => WriteCheck(console, check));
        AddSpectre<AnalysisDocument>((console, analysis, _) => WriteAnalysis(console, analysis));
        AddSpectre<RecordTable>((console, records, _) => WriteRecords(console, records));
        AddSpectre<Stackplan.Core.Analysis.SizingProposals>((console, sizing, _) => WriteSizing(console, sizing));
        AddText<Explanation>((explanation, _, w) => w.Write(explanation.Text));
        AddText<Stackplan.Core.Analysis.CostDiff>((diff, _, w) => DiffRenderer.WriteTable(diff, w));
    }

    private void AddSpectre<TDocument>(Action<IAnsiConsole, TDocument, RenderSettings> write)
        where TDocument : IReportDocument =>
        AddText<TDocument>((document, settings, w) => write(CliConsole.Spectre(w, settings.Color), document, settings));

    private static void WriteEstimate(IAnsiConsole console, EstimateReport report, bool lineItems)
    {
        console.Write(new Markup($"[bold]{Markup.Escape(report.Spec.Name)}[/]  {Markup.Escape(report.Spec.Region)}, prices from {Markup.Escape(report.Prices.Name)} as of {Markup.Escape(report.Prices.AsOf)}\n\n"));
        console.Write(Summary(report));
        if (lineItems)
        {
            foreach (var bill in report.Bills)
            {
                console.WriteLine();
                console.Write(Lines(bill));
            }
        }

        foreach (var bill in report.Bills.Where(b => !b.Warnings.IsEmpty))
        {
            console.WriteLine();
            console.Write(new Markup($"[yellow]{Markup.Escape(bill.Deployment.Name)}[/]\n"));
            foreach (var w in bill.Warnings)
            {
                console.Write(new Markup($"  [yellow]! {w.Code.Id}[/] {Markup.Escape(w.Message)}\n"));
            }
        }

        if (report.Matrix is { } matrix)
        {
            console.WriteLine();
            WriteAnalysis(console, DecisionMatrixDocument.Build(matrix));
        }
    }

    private static Table Summary(EstimateReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("category");
        foreach (var b in report.Bills)
        {
            table.AddColumn(new TableColumn(Markup.Escape(b.Deployment.Name)).RightAligned());
        }

        void Row(string name, Func<Bill, IRenderable> cell) => table.AddRow([new Text(name), .. report.Bills.Select(cell)]);
        if (report.SpansPlacements)
        {
            Row("provider / region", b => new Text(EstimateReport.Placement(b)));
        }

        foreach (var category in report.Categories)
        {
            Row(Formats.Kebab(category), b => new Text(Formats.MoneyWithSymbol(b.CategoryTotal(category).Expected)));
        }

        table.AddEmptyRow();
        table.AddRow([new Markup("[bold]monthly (expected)[/]"), .. report.Bills.Select(b => (IRenderable)new Markup(b.IsComplete
            ? $"[bold]{Formats.MoneyWithSymbol(b.Monthly.Expected)}[/]"
            : $"[bold]{Formats.MoneyWithSymbol(b.Monthly.Expected)}[/] [red bold]+ MISSING[/]"))]);
        Row("range", b => new Text($"{Formats.MoneyWithSymbol(b.Monthly.Low)} – {Formats.MoneyWithSymbol(b.Monthly.High)}"));
        Row("pods", b => new Text(b.Plan.Pods.ToString(CultureInfo.InvariantCulture)));
        Row("nodes declared / required", b => new Text(BillText.Nodes(b)));
        Row("ops hours / month", b => new Text(Formats.Number(b.OpsHoursPerMonth)));
        Row("missing prices", b => b.IsComplete ? new Text("none") : new Markup($"[red bold]{b.MissingPrices.Count()}[/]"));
        if (!report.Compliance.IsDefaultOrEmpty)
        {
            Row($"NIST {RuleText.Baseline(report.Compliance[0].Baseline)} controls covered", b => new Text(report.CoverageOf(b) is { } c ? $"{c.Covered.Length} / {c.Addressable}" : ""));
            Row("not addressed", b => new Text(report.CoverageOf(b) is { } c ? string.Join(", ", c.Missing.Select(m => m.Id)) : ""));
        }

        return table;
    }

    private static Table Lines(Bill bill)
    {
        var table = new Table().Border(TableBorder.Simple).Title($"[bold]{Markup.Escape(bill.Deployment.Name)}[/]")
            .AddColumn("category").AddColumn("line").AddColumn(new TableColumn("quantity").RightAligned()).AddColumn(new TableColumn("unit price").RightAligned())
            .AddColumn(new TableColumn("monthly").RightAligned()).AddColumn("price key");
        foreach (var l in bill.Lines)
        {
            IRenderable monthly = l.Monthly is { } m ? new Text(Formats.Range(m)) : new Markup("[red bold]MISSING PRICE[/]");
            table.AddRow(new Text(Formats.Kebab(l.Category)), new Text(l.Id), new Text($"{Formats.Number(l.Quantity.Expected)} {l.Unit}"), new Text(Formats.UnitPrice(l.UnitPrice)), monthly, new Text(l.PriceKey));
        }

        table.AddRow(new Text(""), new Markup("[bold]total[/]"), new Text(""), new Text(""), new Markup($"[bold]{Markup.Escape(Formats.Range(bill.Monthly))}[/]"), new Text(""));
        return table;
    }

    /// <summary>The check: one table per deployment, failures first, then the verdict.</summary>
    private static void WriteCheck(IAnsiConsole console, CheckReport report)
    {
        console.Write(new Markup($"[bold]{Markup.Escape(report.Spec.Name)}[/]: {report.Findings.Length} checks, baseline {RuleText.Baseline(report.Baseline)}, fail on {ReadinessRules.SeverityName(report.FailOn)}, {report.Today:yyyy-MM-dd}\n"));
        foreach (var coverage in report.Coverage)
        {
            console.WriteLine();
            var findings = report.Findings.Where(f => f.Deployment == coverage.Deployment && f.Status is FindingStatus.Failed or FindingStatus.Suppressed)
                .OrderBy(f => f.Status).ThenByDescending(f => f.Rule.Severity).ThenBy(f => f.Rule.Id, StringComparer.Ordinal).ToList();
            console.Write(new Markup($"[bold]{Markup.Escape(coverage.Deployment.ToString())}[/]\n"));
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("status").AddColumn("rule").AddColumn("severity").AddColumn("name").AddColumn("where").AddColumn("finding");
            foreach (var f in findings)
            {
                var blocking = f.Status == FindingStatus.Failed && f.Rule.Severity >= report.FailOn;
                var status = f.Status == FindingStatus.Suppressed ? "skip" : blocking ? "[red bold]FAIL[/]" : "[yellow]warn[/]";
                table.AddRow(new Markup(status), new Text(f.Rule.Id), new Text(ReadinessRules.SeverityName(f.Rule.Severity)), new Text(f.Rule.Name), new Text(f.Location.ToString()), new Text(RuleText.Message(f)));
            }

            if (findings.Count > 0)
            {
                console.Write(table);
            }

            var passed = report.Findings.Count(f => f.Deployment == coverage.Deployment && f.Status == FindingStatus.Passed);
            console.Write(new Text($"  {passed} passed; controls: {RuleText.CoverageLine(coverage)}\n"));
            if (!coverage.Missing.IsEmpty)
            {
                console.Write(new Text($"  not addressed: {string.Join(", ", coverage.Missing.Select(c => c.Id))}\n"));
            }
        }

        foreach (var s in report.ExpiredSuppressions)
        {
            console.WriteLine();
            console.Write(new Markup($"[yellow]{Markup.Escape($"expired suppression: {s.RuleId} ({s.Location}) expired {s.Expires:yyyy-MM-dd} and no longer applies")}[/]\n"));
        }

        console.WriteLine();
        console.Write(report.Passed
            ? new Text($"passed: no failure at or above {ReadinessRules.SeverityName(report.FailOn)} ({report.Count(FindingStatus.Failed)} below it, {report.Count(FindingStatus.Suppressed)} suppressed)\n")
            : new Markup($"[red bold]failed: {report.Blocking.Count()} finding(s) at or above {ReadinessRules.SeverityName(report.FailOn)}[/]\n"));
    }

    /// <summary>An analysis: title, facts, findings, then each result table (numbers right-aligned).</summary>
    private static void WriteAnalysis(IAnsiConsole console, AnalysisDocument doc)
    {
        console.Write(new Markup($"[bold]{Markup.Escape(doc.Title)}[/]\n\n"));
        foreach (var warning in doc.Warnings)
        {
            console.Write(new Markup($"[yellow]{Markup.Escape(warning.ToString())}[/]\n"));
        }

        foreach (var (name, value) in doc.Facts)
        {
            console.Write(new Text($"  {name}: {value.Text}\n"));
        }

        foreach (var finding in doc.Findings)
        {
            console.Write(new Text(finding + "\n"));
        }

        foreach (var result in doc.Tables)
        {
            console.WriteLine();
            console.Write(new Markup($"[bold]{Markup.Escape(result.Title)}[/]\n"));
            var table = new Table().Border(TableBorder.Simple);
            for (var i = 0; i < result.Columns.Length; i++)
            {
                var column = new TableColumn(Markup.Escape(result.Columns[i]));
                table.AddColumn(AnalysisDocument.IsNumeric(result, i) ? column.RightAligned() : column);
            }

            foreach (var row in result.Rows)
            {
                table.AddRow([.. row.Select(c => (IRenderable)new Text(c.Text))]);
            }

            console.Write(table);
        }
    }

    /// <summary>Records: the chosen columns, each cut at 60 characters with an ellipsis, then the footer.</summary>
    private static void WriteRecords(IAnsiConsole console, RecordTable records)
    {
        const int Widest = 60;
        static string Cut(string text) => text.Length > Widest ? text[..(Widest - 1)] + "…" : text;
        var table = new Table().Border(TableBorder.Simple);
        foreach (var c in records.TableColumns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(records.Header[c])).NoWrap());
        }

        foreach (var row in records.Rows)
        {
            table.AddRow([.. records.TableColumns.Select(c => (IRenderable)new Text(Cut(row[c])))]);
        }

        // A record is one line: the table is as wide as its widest cells (each cut at 60 characters)
        // rather than the 160 columns reports use, so a price row never breaks inside a SKU or region.
        var natural = records.TableColumns.Sum(c => records.Rows.Select(r => Cut(r[c]).Length).Append(records.Header[c].Length).Max() + 3) + 2;
        console.Profile.Width = Math.Max(console.Profile.Width, natural);
        console.Write(table);
        if (records.Footer is { } footer)
        {
            console.Write(new Text(footer + "\n"));
        }
    }

    /// <summary>stackplan size: one row per node group, then each deployment's total with every proposal applied.</summary>
    private static void WriteSizing(IAnsiConsole console, Stackplan.Core.Analysis.SizingProposals sizing)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("deployment", "group", "pods", "declared", "proposed")
            .AddColumn(new TableColumn("declared $/mo").RightAligned())
            .AddColumn(new TableColumn("proposed $/mo").RightAligned())
            .AddColumn(new TableColumn("saving $/mo").RightAligned())
            .AddColumn(new TableColumn("priced / no price").RightAligned());
        foreach (var p in sizing.Groups)
        {
            table.AddRow(
                new Text(p.Deployment),
                new Text(p.Group),
                new Text(p.Pods.ToString(CultureInfo.InvariantCulture)),
                new Text($"{p.Declared} ({p.Capacity})"),
                p.Changes ? new Markup($"[bold]{Markup.Escape(p.Proposed.ToString())}[/]") : new Text("keep"),
                new Text(Formats.MoneyWithSymbol(p.DeclaredMonthly)),
                new Text(Formats.MoneyWithSymbol(p.ProposedMonthly)),
                p.Changes ? new Markup($"[green]{Formats.MoneyWithSymbol(p.Saving)}[/]") : new Text("-"),
                new Text($"{p.Candidates} / {p.Unpriced}"));
        }

        console.Write(table);
        foreach (var p in sizing.Groups.Where(p => p.Note is not null))
        {
            console.Write(new Text($"  {p.Deployment} {p.Group}: {p.Note}\n"));
        }

        console.WriteLine();
        foreach (var t in sizing.Totals)
        {
            var unpriced = t.Unpriced > 0 ? $" (INCOMPLETE: {t.Unpriced} line(s) without a price are left out of both totals)" : "";
            console.Write(new Text($"{t.Deployment}: {Formats.MoneyWithSymbol(t.Declared)} declared, {Formats.MoneyWithSymbol(t.Proposed)} with the proposals, saving {Formats.MoneyWithSymbol(t.Saving)} a month{unpriced}\n"));
        }
    }
}
