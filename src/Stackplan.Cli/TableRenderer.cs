using Spectre.Console;
using Spectre.Console.Rendering;
using Stackplan.Core.Model;
using Stackplan.Core.Pricing;
using Stackplan.Core.Reports;

namespace Stackplan.Cli;

/// <summary>Terminal tables (Spectre.Console): the comparison, then optionally each bill's lines.</summary>
public static class TableRenderer
{
    public static void Write(EstimateReport report, TextWriter output, bool lineItems, bool color)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
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
    }

    private static Table Summary(EstimateReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("category");
        foreach (var b in report.Bills)
        {
            table.AddColumn(new TableColumn(Markup.Escape(b.Deployment.Name)).RightAligned());
        }

        foreach (var category in report.Categories)
        {
            table.AddRow([new Text(Formats.Kebab(category)), .. report.Bills.Select(b => (IRenderable)new Text(Formats.MoneyWithSymbol(b.CategoryTotal(category).Expected)))]);
        }

        table.AddEmptyRow();
        table.AddRow([new Markup("[bold]monthly (expected)[/]"), .. report.Bills.Select(b => (IRenderable)new Markup(b.IsComplete
            ? $"[bold]{Formats.MoneyWithSymbol(b.Monthly.Expected)}[/]"
            : $"[bold]{Formats.MoneyWithSymbol(b.Monthly.Expected)}[/] [red bold]+ MISSING[/]"))]);
        table.AddRow([new Text("range"), .. report.Bills.Select(b => (IRenderable)new Text($"{Formats.MoneyWithSymbol(b.Monthly.Low)} – {Formats.MoneyWithSymbol(b.Monthly.High)}"))]);
        table.AddRow([new Text("pods"), .. report.Bills.Select(b => (IRenderable)new Text(b.Plan.Pods.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        table.AddRow([new Text("nodes declared / required"), .. report.Bills.Select(b => (IRenderable)new Text(Nodes(b)))]);
        table.AddRow([new Text("ops hours / month"), .. report.Bills.Select(b => (IRenderable)new Text(Formats.Number(b.OpsHoursPerMonth)))]);
        table.AddRow([new Text("missing prices"), .. report.Bills.Select(b => (IRenderable)(b.IsComplete ? new Text("none") : new Markup($"[red bold]{b.MissingPrices.Count()}[/]")))]);
        if (!report.Compliance.IsDefaultOrEmpty)
        {
            table.AddRow([new Text($"NIST {RuleText.Baseline(report.Compliance[0].Baseline)} controls covered"), .. report.Bills.Select(b => (IRenderable)new Text(report.CoverageOf(b) is { } c ? $"{c.Covered.Length} / {c.Addressable}" : ""))]);
            table.AddRow([new Text("not addressed"), .. report.Bills.Select(b => (IRenderable)new Text(report.CoverageOf(b) is { } c ? string.Join(", ", c.Missing.Select(m => m.Id)) : ""))]);
        }

        return table;
    }

    private static string Nodes(Bill b) =>
        b.Plan.Groups.IsEmpty ? (b.Plan.FargateTasks.IsEmpty ? "none" : "Fargate") : string.Join(", ", b.Plan.Groups.Select(g => $"{g.Declared} / {g.Required} {g.Type.Name}"));

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
}
