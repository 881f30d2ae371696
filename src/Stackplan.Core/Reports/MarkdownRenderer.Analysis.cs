using System.Globalization;
using Stackplan.Core.Model;

namespace Stackplan.Core.Reports;

public sealed partial class MarkdownRenderer
{
    /// <summary>An analysis; <paramref name="level"/> 2 nests it under another document's title.</summary>
    private static void WriteAnalysis(AnalysisDocument doc, TextWriter o, int level = 1)
    {
        var heading = new string('#', level);
        o.Write($"{heading} {doc.Title}\n\n");
        foreach (var warning in doc.Warnings)
        {
            o.Write($"> **{warning.Code.SeverityName} {warning.Code.Id}:** {warning.Message}\n\n");
        }

        foreach (var (name, value) in doc.Facts)
        {
            o.Write($"- **{name}:** {value.Text}\n");
        }

        if (!doc.Facts.IsEmpty)
        {
            o.Write('\n');
        }

        foreach (var finding in doc.Findings)
        {
            o.Write($"{finding}\n\n");
        }

        if (doc.Chart is { } chart)
        {
            WriteMermaid(chart, o);
        }

        foreach (var table in doc.Tables)
        {
            WriteTable(table, o, $"{heading}# {table.Title}\n\n");
        }
    }

    /// <summary>A result table under <paramref name="caption"/>; numeric columns right-aligned.</summary>
    private static void WriteTable(ResultTable table, TextWriter o, string caption)
    {
        o.Write(caption);
        o.Write("| " + string.Join(" | ", table.Columns) + " |\n");
        o.Write("|" + string.Join("|", table.Columns.Select((_, i) => AnalysisDocument.IsNumeric(table, i) ? "---:" : "---")) + "|\n");
        foreach (var row in table.Rows)
        {
            o.Write("| " + string.Join(" | ", row.Select(c => Escape.MarkdownCell(c.Text))) + " |\n");
        }

        o.Write('\n');
    }

    private static void WriteMermaid(LineChart chart, TextWriter o)
    {
        static string N(decimal d) => Math.Round(d, 2).ToString(CultureInfo.InvariantCulture);
        o.Write("```mermaid\nxychart-beta\n");
        o.Write($"    title \"{chart.Title.Replace("\"", "'", StringComparison.Ordinal)}\"\n");
        o.Write($"    x-axis \"{chart.XLabel}\" [{string.Join(", ", chart.X.Select(x => "\"" + Formats.Number(x) + "\""))}]\n");
        var max = chart.Series.SelectMany(s => s.Y).DefaultIfEmpty(0m).Max();
        o.Write($"    y-axis \"{chart.YLabel}\" 0 --> {N(Math.Ceiling(max * 1.05m))}\n");
        foreach (var (_, y) in chart.Series)
        {
            o.Write($"    line [{string.Join(", ", y.Select(N))}]\n");
        }

        o.Write("```\n\n");
        o.Write("Lines, in order: " + string.Join("; ", chart.Series.Select((s, i) => $"{i + 1}. {s.Name}")) + ".\n\n");
    }
}
