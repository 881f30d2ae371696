using System.Globalization;
using System.Text.Json;
using Stackplan.Core.Analysis;

namespace Stackplan.Core.Reports;

/// <summary>Renders a <see cref="CostDiff"/>: a terminal table, JSON, or a Markdown body to post as a pull-request comment.</summary>
public static class DiffRenderer
{
    public static void WriteTable(CostDiff diff, TextWriter o)
    {
        foreach (var d in diff.Deployments)
        {
            o.WriteLine($"{d.Deployment}: {Usd(d.Before)} -> {Usd(d.After)} a month ({Signed(d.Delta)}{PercentText(d.Percent)})");
            var changed = d.Resources.Where(r => r.Change != ChangeKind.Unchanged).ToList();
            if (changed.Count == 0)
            {
                o.WriteLine("  no change");
                continue;
            }

            var width = Math.Min(80, changed.Max(r => r.Resource.Length) + 2);
            o.WriteLine($"  {"resource".PadRight(width)} {"before",12} {"after",12} {"change",12}");
            foreach (var r in changed)
            {
                o.WriteLine($"  {Kind(r.Change)} {r.Resource.PadRight(width - 2)} {Usd(r.Before),12} {Usd(r.After),12} {Signed(r.Delta),12}");
                foreach (var l in r.Lines.Where(l => l.Change != ChangeKind.Unchanged))
                {
                    o.WriteLine($"      {Kind(l.Change)} {l.Item}: {Cost(l.Before, l.MissingPrice && l.Before is null)} -> {Cost(l.After, l.MissingPrice)}");
                }
            }

            if (d.MissingAfter > 0 || d.MissingBefore > 0)
            {
                o.WriteLine($"  missing prices: {d.MissingBefore} before, {d.MissingAfter} after (left out of both totals)");
            }
        }

        if (diff.Deployments.Length > 1)
        {
            o.WriteLine($"total: {Usd(diff.Before)} -> {Usd(diff.After)} a month ({Signed(diff.Delta)}{PercentText(diff.Percent)})");
        }
    }

    public static void WriteMarkdown(CostDiff diff, TextWriter o)
    {
        o.WriteLine("### Stackplan cost estimate");
        o.WriteLine();
        o.WriteLine($"Monthly cost changes by **{Signed(diff.Delta)}**{PercentText(diff.Percent)}: {Usd(diff.Before)} → {Usd(diff.After)}.");
        o.WriteLine();
        o.WriteLine("| deployment | before | after | change |");
        o.WriteLine("|---|---:|---:|---:|");
        foreach (var d in diff.Deployments)
        {
            o.WriteLine($"| {Cell(d.Deployment)} | {Usd(d.Before)} | {Usd(d.After)} | {Signed(d.Delta)}{PercentText(d.Percent)} |");
        }

        foreach (var d in diff.Deployments)
        {
            var changed = d.Resources.Where(r => r.Change != ChangeKind.Unchanged).ToList();
            o.WriteLine();
            o.WriteLine($"<details><summary>{Cell(d.Deployment)}: {changed.Count} resource(s) changed</summary>");
            o.WriteLine();
            if (changed.Count > 0)
            {
                o.WriteLine("| | resource | before | after | change |");
                o.WriteLine("|---|---|---:|---:|---:|");
                foreach (var r in changed)
                {
                    o.WriteLine($"| {Kind(r.Change)} | `{Cell(r.Resource)}` | {Usd(r.Before)} | {Usd(r.After)} | {Signed(r.Delta)} |");
                }
            }

            if (d.MissingBefore > 0 || d.MissingAfter > 0)
            {
                o.WriteLine();
                o.WriteLine($"⚠ {d.MissingAfter} line(s) after and {d.MissingBefore} before have no price and are left out of the totals.");
            }

            o.WriteLine();
            o.WriteLine("</details>");
        }
    }

    public static void WriteJson(CostDiff diff, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", 1);
        json.WriteNumber("monthlyBefore", diff.Before);
        json.WriteNumber("monthlyAfter", diff.After);
        json.WriteNumber("monthlyDelta", diff.Delta);
        WritePercent(json, diff.Percent);
        json.WriteStartArray("deployments");
        foreach (var d in diff.Deployments)
        {
            json.WriteStartObject();
            json.WriteString("deployment", d.Deployment);
            json.WriteNumber("monthlyBefore", d.Before);
            json.WriteNumber("monthlyAfter", d.After);
            json.WriteNumber("monthlyDelta", d.Delta);
            WritePercent(json, d.Percent);
            json.WriteNumber("missingPricesBefore", d.MissingBefore);
            json.WriteNumber("missingPricesAfter", d.MissingAfter);
            json.WriteStartArray("resources");
            foreach (var r in d.Resources)
            {
                json.WriteStartObject();
                json.WriteString("resource", r.Resource);
                json.WriteString("change", Name(r.Change));
                json.WriteNumber("monthlyBefore", r.Before);
                json.WriteNumber("monthlyAfter", r.After);
                json.WriteNumber("monthlyDelta", r.Delta);
                json.WriteStartArray("lines");
                foreach (var l in r.Lines)
                {
                    json.WriteStartObject();
                    json.WriteString("id", l.Id);
                    json.WriteString("item", l.Item);
                    json.WriteString("change", Name(l.Change));
                    WriteNullable(json, "monthlyBefore", l.Before);
                    WriteNullable(json, "monthlyAfter", l.After);
                    json.WriteNumber("monthlyDelta", l.Delta);
                    if (l.MissingPrice)
                    {
                        json.WriteBoolean("missingPrice", true);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePercent(Utf8JsonWriter json, decimal? percent)
    {
        if (percent is { } p)
        {
            json.WriteNumber("percentChange", p);
        }
        else
        {
            json.WriteNull("percentChange");
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Name(ChangeKind kind) => kind.ToString().ToLowerInvariant();

    private static string Kind(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "+",
        ChangeKind.Removed => "-",
        ChangeKind.Changed => "~",
        _ => " ",
    };

    private static string Usd(decimal value) => (value < 0 ? "-$" : "$") + Math.Abs(value).ToString("#,0.00", CultureInfo.InvariantCulture);

    private static string Signed(decimal value) => (value > 0 ? "+" : "") + Usd(value);

    private static string Cost(decimal? value, bool missing) => value is { } v ? Usd(v) : missing ? "missing price" : "—";

    private static string PercentText(decimal? percent) => percent is { } p ? $", {(p > 0 ? "+" : "")}{p.ToString("0.##", CultureInfo.InvariantCulture)}%" : "";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
