using System.Collections.Immutable;
using Stackplan.Core.Model;

namespace Stackplan.Core.Reports;

/// <summary>
/// One self-contained HTML page: no network, no JavaScript, inline CSS (light and dark through
/// prefers-color-scheme, readable printed and on a phone), semantic tables with captions, and
/// charts as inline SVG (<see cref="SvgCharts"/>) each with a title and a text alternative.
/// Every piece of text goes through <see cref="Escape.Html"/>.
/// </summary>
public sealed class HtmlRenderer : Renderer
{
    public HtmlRenderer()
        : base(new("html", [".html", ".htm"], "text/html", "one self-contained HTML page with SVG charts"))
    {
        AddText<DecisionDocument>((doc, _, o) => Write(doc, o));
    }

    private static string E(string text) => Escape.Html(text);

    private static void Write(DecisionDocument doc, TextWriter o)
    {
        o.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        o.Write("<meta name=\"color-scheme\" content=\"light dark\">\n");
        o.Write($"<title>{E(doc.Title)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n<header>\n<h1>{E(doc.Title)}</h1>\n<p>{E(doc.Introduction)}</p>\n");
        o.Write("<nav aria-label=\"Contents\"><ol>\n");
        foreach (var s in doc.Sections)
        {
            o.Write($"<li><a href=\"#{E(s.Id)}\">{E(s.Title)}</a></li>\n");
        }

        o.Write("</ol></nav>\n</header>\n<main>\n");
        var charts = new SvgCharts();
        foreach (var section in doc.Sections)
        {
            WriteSection(section, o, 2, charts);
        }

        o.Write("</main>\n<footer>\n<dl>\n");
        foreach (var (name, value) in doc.Footer)
        {
            o.Write($"<dt>{E(name)}</dt><dd>{E(value)}</dd>\n");
        }

        o.Write("</dl>\n</footer>\n</body>\n</html>\n");
    }

    private static void WriteSection(DocumentSection section, TextWriter o, int level, SvgCharts charts)
    {
        o.Write($"<section id=\"{E(section.Id)}\">\n<h{level}>{E(section.Title)}</h{level}>\n");
        foreach (var block in section.Blocks)
        {
            WriteBlock(block, o, charts);
        }

        foreach (var child in section.Children)
        {
            WriteSection(child, o, level + 1, charts);
        }

        o.Write("</section>\n");
    }

    private static void WriteBlock(Block block, TextWriter o, SvgCharts charts)
    {
        switch (block)
        {
            case Paragraph p:
                o.Write($"<p>{E(p.Text)}</p>\n");
                break;
            case BulletList list:
                o.Write("<ul>\n");
                foreach (var item in list.Items)
                {
                    o.Write(item.Lead is null ? $"<li>{E(item.Text)}</li>\n" : $"<li><strong>{E(item.Lead)}:</strong> {E(item.Text)}</li>\n");
                }

                o.Write("</ul>\n");
                break;
            case TableBlock t:
                WriteTable(t.Table, o);
                break;
            case Checklist c:
                o.Write($"<details class=\"checklist\" open>\n<summary>{E(c.Title)}</summary>\n<ul>\n");
                foreach (var item in c.Items)
                {
                    var mark = item.Status switch { "passed" => "✓", "failed" => "✗", "suppressed" => "−", _ => "·" };
                    o.Write($"<li class=\"{E(item.Status.Replace(' ', '-'))}\"><span class=\"mark\" aria-hidden=\"true\">{mark}</span> <code>{E(item.Code)}</code> {E(item.Rule)} <span class=\"sev\">({E(item.Severity)})</span>: <strong>{E(item.Status)}</strong>, {E(item.Detail)}</li>\n");
                }

                o.Write("</ul>\n</details>\n");
                break;
            case FlowDiagram f:
                o.Write($"<figure class=\"flows\">\n<figcaption>{E(f.Deployment)}</figcaption>\n<ul>\n");
                foreach (var flow in f.Flows)
                {
                    o.Write($"<li><span class=\"concern\">{E(flow.Concern)}</span> " + string.Join(" <span class=\"arrow\" aria-label=\"to\">→</span> ", flow.Steps.Select(s => $"<span class=\"step\">{E(s)}</span>")) + "</li>\n");
                }

                o.Write("</ul>\n</figure>\n");
                break;
            case ChartBlock { Chart: var chart }:
                var id = charts.Next();
                o.Write($"<figure class=\"chart\" id=\"{id}\">\n");
                o.Write(charts.Draw(chart, id));
                o.Write($"<figcaption>{E(chart.Title)}</figcaption>\n<details><summary>The chart in words</summary><p>{E(chart.Describe())}</p></details>\n</figure>\n");
                break;
            default:
                throw new NotSupportedException($"HTML has no layout for {block.GetType().Name}");
        }
    }

    private static void WriteTable(ResultTable table, TextWriter o)
    {
        var numeric = table.Columns.Select((_, i) => AnalysisDocument.IsNumeric(table, i)).ToImmutableArray();
        string Class(int i) => numeric[i] ? " class=\"num\"" : "";
        o.Write($"<div class=\"table\"><table>\n<caption>{E(table.Title)}</caption>\n<thead><tr>");
        for (var i = 0; i < table.Columns.Length; i++)
        {
            o.Write($"<th scope=\"col\"{Class(i)}>{E(table.Columns[i])}</th>");
        }

        o.Write("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            o.Write("<tr>");
            for (var i = 0; i < row.Length; i++)
            {
                o.Write(i == 0 ? $"<th scope=\"row\"{Class(i)}>{E(row[i].Text)}</th>" : $"<td{Class(i)}>{E(row[i].Text)}</td>");
            }

            o.Write("</tr>\n");
        }

        o.Write("</tbody>\n</table></div>\n");
    }

    /// <summary>The page's only style: system fonts, colours as variables swapped for dark mode, tables that scroll sideways on a phone.</summary>
    private const string Style = """
        :root { --fg: #1b1f24; --bg: #ffffff; --muted: #57606a; --rule: #d0d7de; --head: #f6f8fa; --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700;
          --c0: #4e79a7; --c1: #f28e2b; --c2: #59a14f; --c3: #e15759; --c4: #76b7b2; --c5: #edc948; --c6: #b07aa1; --c7: #ff9da7; --c8: #9c755f; --c9: #bab0ac; --c10: #2f4b7c; --c11: #a05195; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3; --rule: #30363d; --head: #161b22; --pass: #3fb950; --fail: #f85149; --warn: #d29922;
            --c0: #79a7d6; --c1: #ffae5c; --c2: #7fc46f; --c3: #ff7f82; --c4: #8fd3cd; --c5: #f5d96b; --c6: #cf9ac2; --c7: #ffb8c0; --c8: #c49a82; --c9: #d4ccc8; --c10: #6f8fcf; --c11: #cf7fc1; }
        }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 72rem; padding: 1rem; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
        h1 { font-size: 1.8rem; margin: 0.5rem 0; } h2 { border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; margin-top: 2.5rem; } h3 { margin-top: 1.8rem; }
        nav ol { columns: 2 14rem; padding-left: 1.5rem; } a { color: var(--c10); }
        .table { overflow-x: auto; margin: 1rem 0; }
        table { border-collapse: collapse; font-size: 0.9rem; min-width: 50%; }
        caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
        th, td { border: 1px solid var(--rule); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
        thead th { background: var(--head); } tbody th { font-weight: 500; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        figure { margin: 1.5rem 0; } figcaption { font-weight: 600; margin-top: 0.3rem; }
        .chart svg { width: 100%; height: auto; max-width: 52rem; display: block; }
        .chart text { fill: var(--fg); font: 12px system-ui, sans-serif; } .chart .axis { stroke: var(--muted); stroke-width: 1; } .chart .grid { stroke: var(--rule); stroke-width: 1; }
        .chart .line { fill: none; stroke-width: 2.5; } .chart .marker { fill: var(--bg); stroke: var(--fg); stroke-width: 2; } .chart .band { opacity: 0.35; }
        details summary { cursor: pointer; color: var(--muted); }
        .checklist ul { list-style: none; padding-left: 0.5rem; } .checklist li { margin: 0.2rem 0; }
        .checklist .passed .mark { color: var(--pass); } .checklist .failed .mark, .checklist .failed strong { color: var(--fail); } .checklist .suppressed .mark { color: var(--warn); }
        .sev { color: var(--muted); }
        .flows ul { list-style: none; padding-left: 0.5rem; } .flows li { margin: 0.3rem 0; }
        .concern { display: inline-block; min-width: 9rem; color: var(--muted); } .step { border: 1px solid var(--rule); border-radius: 4px; padding: 0 0.4rem; background: var(--head); display: inline-block; max-width: 100%; } .arrow { color: var(--muted); }
        footer { margin-top: 3rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.85rem; } footer dt { font-weight: 600; } footer dd { margin: 0 0 0.5rem 0; word-break: break-all; }
        @media print { body { max-width: none; font-size: 11pt; } nav, details summary { display: none; } details { display: block; } h2 { break-after: avoid; } figure, table { break-inside: avoid; } a { color: inherit; } }
        """;
}
