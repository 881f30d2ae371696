using Stackplan.Core.Model;

namespace Stackplan.Core.Reports;

/// <summary>One row per line item, every deployment in one file: what a spreadsheet wants.</summary>
public static class CsvRenderer
{
    public static void Write(EstimateReport report, TextWriter output)
    {
        // The resource column (a Terraform address) is there only when some line prices a resource,
        // so a spec's own CSV keeps its columns.
        var withResource = report.Bills.Any(b => b.Lines.Any(l => l.Resource is not null));
        output.Write("environment,option,id,category,component,item,quantity,unit,unit_price,monthly_low,monthly_expected,monthly_high,price_key,price_book,price_source,price_as_of,missing_price");
        output.Write(withResource ? ",resource\n" : "\n");
        foreach (var bill in report.Bills)
        {
            foreach (var l in bill.Lines)
            {
                string[] fields =
                [
                    bill.Deployment.Environment.Name, bill.Deployment.Option.Name, l.Id, Formats.Kebab(l.Category), l.Component, l.Item,
                    Formats.Plain(l.Quantity.Expected), l.Unit, l.UnitPrice is { } p ? Formats.Plain(p) : "",
                    l.Monthly is { } m ? Formats.Money(m.Low) : "", l.Monthly is { } e ? Formats.Money(e.Expected) : "", l.Monthly is { } h ? Formats.Money(h.High) : "",
                    l.PriceKey, l.Price?.Book ?? "", l.Price?.Source ?? "", l.Price?.AsOf ?? "", l.MissingPrice ? "true" : "false",
                ];
                output.Write(string.Join(',', fields.Select(Quote)));
                if (withResource)
                {
                    output.Write(',');
                    output.Write(Quote(l.Resource ?? ""));
                }

                output.Write('\n');
            }
        }
    }

    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
