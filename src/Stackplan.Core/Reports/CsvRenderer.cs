using Stackplan.Core.Model;

namespace Stackplan.Core.Reports;

/// <summary>
/// CSV (RFC 4180, LF line ends) for spreadsheets: a comparison as one row per line item with every
/// deployment in one file; an analysis as its main (first) table with plain numbers; records with every field.
/// </summary>
public sealed class CsvRenderer : Renderer
{
    public CsvRenderer()
        : base(new("csv", [".csv"], "text/csv", "one row per line item or result, plain numbers"))
    {
        AddText<EstimateReport>((report, _, w) => WriteEstimate(report, w));
        AddText<AnalysisDocument>((analysis, _, w) => WriteAnalysis(analysis, w));
        AddText<RecordTable>((records, _, w) => WriteRows(w, records.Header, records.Rows.Select(r => r.AsEnumerable())));
    }

    private static void WriteRows(TextWriter output, IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        foreach (var row in rows.Prepend(header))
        {
            output.Write(string.Join(',', row.Select(Escape.Csv)));
            output.Write('\n');
        }
    }

    private static void WriteEstimate(EstimateReport report, TextWriter output)
    {
        // The resource column (a Terraform address) is there only when some line prices a resource,
        // so a spec's own CSV keeps its columns.
        var withResource = report.Bills.Any(b => b.Lines.Any(l => l.Resource is not null));
        string[] header = ["environment", "option", "id", "category", "component", "item", "quantity", "unit", "unit_price", "monthly_low", "monthly_expected", "monthly_high", "price_key", "price_book", "price_source", "price_as_of", "missing_price"];
        WriteRows(output, withResource ? [.. header, "resource"] : header, report.Bills.SelectMany(bill => bill.Lines.Select(l =>
        {
            string[] fields =
            [
                bill.Deployment.Environment.Name, bill.Deployment.Option.Name, l.Id, Formats.Kebab(l.Category), l.Component, l.Item,
                Formats.Plain(l.Quantity.Expected), l.Unit, l.UnitPrice is { } p ? Formats.Plain(p) : "",
                l.Monthly is { } m ? Formats.Money(m.Low) : "", l.Monthly is { } e ? Formats.Money(e.Expected) : "", l.Monthly is { } h ? Formats.Money(h.High) : "",
                l.PriceKey, l.Price?.Book ?? "", l.Price?.Source ?? "", l.Price?.AsOf ?? "", l.MissingPrice ? "true" : "false",
            ];
            return (IEnumerable<string>)(withResource ? [.. fields, l.Resource ?? ""] : fields);
        })));
    }

    /// <summary>The main (first) table, with plain numbers: what a spreadsheet wants.</summary>
    private static void WriteAnalysis(AnalysisDocument doc, TextWriter output)
    {
        if (doc.Tables.IsEmpty)
        {
            return;
        }

        var table = doc.Tables[0];
        WriteRows(output, table.Columns.Select(AnalysisDocument.Key), table.Rows.Select(row => row.Select(c => c.Number is { } n ? Formats.Plain(n) : c.Text)));
    }
}
