using System.Globalization;
using Stackplan.Core.Model;

namespace Stackplan.Core.Reports;

public sealed partial class MarkdownRenderer
{
    /// <summary>
    /// A decision document as GitHub-flavoured Markdown: charts as Mermaid blocks GitHub draws
    /// (xychart-beta, flowchart, gantt), each followed by its text alternative.
    /// </summary>
    private static void WriteDecision(DecisionDocument doc, TextWriter o)
    {
        o.Write($"# {Text(doc.Title)}\n\n{Text(doc.Introduction)}\n\n");
        o.Write("Contents: " + string.Join(" · ", doc.Sections.Select(s => $"[{Text(s.Title)}](#{Anchor(s.Title)})")) + "\n\n");
        foreach (var section in doc.Sections)
        {
            WriteSection(section, o, 2);
        }

        o.Write("---\n\n");
        foreach (var (name, value) in doc.Footer)
        {
            o.Write($"- **{Text(name)}:** {Text(value)}\n");
        }
    }

    /// <summary>Text outside tables: only what would start HTML is escaped (GitHub leaves intraword underscores alone).</summary>
    private static string Text(string text) => text.Replace("<", "&lt;", StringComparison.Ordinal);

    /// <summary>The anchor GitHub gives a heading: lower case, spaces to hyphens, punctuation dropped.</summary>
    private static string Anchor(string title) =>
        string.Concat(title.ToLowerInvariant().Where(ch => char.IsLetterOrDigit(ch) || ch is ' ' or '-' or '_').Select(ch => ch == ' ' ? '-' : ch));

    private static void WriteSection(DocumentSection section, TextWriter o, int level)
    {
        o.Write($"{new string('#', level)} {Text(section.Title)}\n\n");
        foreach (var block in section.Blocks)
        {
            WriteBlock(block, o);
        }

        foreach (var child in section.Children)
        {
            WriteSection(child, o, level + 1);
        }
    }

    private static void WriteBlock(Block block, TextWriter o)
    {
        switch (block)
        {
            case Paragraph p:
                o.Write($"{Text(p.Text)}\n\n");
                break;
            case BulletList list:
                foreach (var item in list.Items)
                {
                    o.Write(item.Lead is null ? $"- {Text(item.Text)}\n" : $"- **{Text(item.Lead)}:** {Text(item.Text)}\n");
                }

                o.Write('\n');
                break;
            case TableBlock t:
                WriteTable(t.Table, o, $"**{Text(t.Table.Title)}**\n\n");
                break;
            case Checklist c:
                o.Write($"**{Text(c.Title)}**\n\n");
                foreach (var item in c.Items)
                {
                    var box = item.Status is "passed" or "not applicable" ? "x" : " ";
                    o.Write($"- [{box}] [{item.Code}]({item.DocPath}) {Text(item.Rule)} ({item.Severity}): **{item.Status}**, {Text(item.Detail)}\n");
                }

                o.Write('\n');
                break;
            case FlowDiagram f:
                WriteFlows(f, o);
                break;
            case ChartBlock { Chart: var chart }:
                WriteChart(chart, o);
                break;
            default:
                throw new NotSupportedException($"Markdown has no layout for {block.GetType().Name}");
        }
    }

    private static string Quoted(string label) => "\"" + label.Replace("\"", "#quot;", StringComparison.Ordinal) + "\"";

    private static void WriteFlows(FlowDiagram f, TextWriter o)
    {
        o.Write($"**{Text(f.Deployment)}**\n\n");
        foreach (var flow in f.Flows)
        {
            o.Write($"- {Text(flow.Concern)}: {Text(string.Join(" → ", flow.Steps))}\n");
        }

        o.Write("\n```mermaid\nflowchart LR\n");
        var node = 0;
        foreach (var (flow, index) in f.Flows.Where(x => x.Steps.Length > 1).Select((x, i) => (x, i)))
        {
            o.Write($"    subgraph f{index}[{Quoted(flow.Concern)}]\n        direction LR\n");
            var first = node;
            foreach (var step in flow.Steps)
            {
                o.Write($"        n{node++}[{Quoted(step)}]\n");
            }

            o.Write("        " + string.Join(" --> ", Enumerable.Range(first, flow.Steps.Length).Select(n => $"n{n}")) + "\n    end\n");
        }

        var single = f.Flows.Where(x => x.Steps.Length == 1).ToList();
        if (single.Count > 0)
        {
            o.Write($"    subgraph alone[{Quoted("on their own")}]\n");
            foreach (var flow in single)
            {
                o.Write($"        n{node++}[{Quoted(flow.Concern + ": " + flow.Steps[0])}]\n");
            }

            o.Write("    end\n");
        }

        o.Write("```\n\n");
    }

    private static string N(decimal d) => Math.Round(d, 2).ToString(CultureInfo.InvariantCulture);

    private static void WriteChart(Chart chart, TextWriter o)
    {
        switch (chart)
        {
            case StackedBarChart s:
                // xychart-beta overlays bars rather than stacking them: drawing the running totals,
                // largest first, leaves each category's segment visible on top of the next.
                o.Write($"```mermaid\nxychart-beta\n    title {Quoted(s.Title)}\n    x-axis [{string.Join(", ", s.Bars.Select(Quoted))}]\n");
                o.Write($"    y-axis {Quoted(s.Unit)} 0 --> {N(Math.Ceiling(s.Bars.Select((_, i) => s.Total(i)).DefaultIfEmpty(0m).Max() * 1.05m))}\n");
                for (var k = s.Series.Length - 1; k >= 0; k--)
                {
                    o.Write($"    bar [{string.Join(", ", s.Bars.Select((_, i) => N(s.Series.Take(k + 1).Sum(x => x.Values[i]))))}]\n");
                }

                o.Write("```\n\n");
                o.Write($"Segments from the bottom: {string.Join(", ", s.Series.Select(x => x.Name))}.\n\n");
                break;
            case CurveChart c:
                o.Write($"```mermaid\nxychart-beta\n    title {Quoted(c.Title)}\n    x-axis {Quoted(c.XLabel)} [{string.Join(", ", c.X.Select(x => Quoted(Formats.Number(x))))}]\n");
                o.Write($"    y-axis {Quoted(c.YLabel)} 0 --> {N(Math.Ceiling(c.Series.SelectMany(x => x.Values).DefaultIfEmpty(0m).Max() * 1.05m))}\n");
                foreach (var series in c.Series)
                {
                    o.Write($"    line [{string.Join(", ", series.Values.Select(N))}]\n");
                }

                o.Write("```\n\n");
                o.Write("Lines, in order: " + string.Join("; ", c.Series.Select((x, i) => $"{i + 1}. {x.Name}")) + "." + string.Concat(c.Markers.Select(m => $" Marked: {m.Label}.")) + "\n\n");
                break;
            case RangeChart r:
                o.Write($"```mermaid\nxychart-beta horizontal\n    title {Quoted(r.Title)}\n    x-axis [{string.Join(", ", r.Bars.Select(b => Quoted(b.Label)))}]\n");
                o.Write($"    y-axis \"USD per month\" 0 --> {N(Math.Ceiling(r.Bars.Select(b => b.High).DefaultIfEmpty(0m).Max() * 1.05m))}\n");
                o.Write($"    bar [{string.Join(", ", r.Bars.Select(b => N(b.High)))}]\n    bar [{string.Join(", ", r.Bars.Select(b => N(b.Expected)))}]\n    bar [{string.Join(", ", r.Bars.Select(b => N(b.Low)))}]\n```\n\n");
                o.Write($"{Text(r.Describe())}\n\n");
                break;
            case TimelineChart t:
                o.Write($"```mermaid\ngantt\n    title {t.Title.Replace(":", " -", StringComparison.Ordinal)}\n    dateFormat X\n    axisFormat day %j\n");
                foreach (var phase in t.Bars.GroupBy(b => b.Phase))
                {
                    o.Write($"    section {phase.Key.Replace(":", " -", StringComparison.Ordinal)}\n");
                    foreach (var bar in phase)
                    {
                        o.Write($"    {bar.Label.Replace(":", " -", StringComparison.Ordinal)} : {N(bar.Start * 86400m)}, {N(bar.Days)}d\n");
                    }
                }

                o.Write("```\n\n");
                o.Write($"{Text(t.Describe())}\n\n");
                break;
            default:
                throw new NotSupportedException($"Markdown has no chart for {chart.GetType().Name}");
        }
    }
}
