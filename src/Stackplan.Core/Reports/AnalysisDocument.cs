using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Stackplan.Core.Model;

namespace Stackplan.Core.Reports;

/// <summary>A table cell: its text for people and, when it is a figure, the exact number for machines.</summary>
public readonly record struct Cell(string Text, decimal? Number)
{
    public static Cell Money(decimal amount) => new(amount < 0m ? "-" + Formats.MoneyWithSymbol(-amount) : Formats.MoneyWithSymbol(amount), amount);

    public static Cell Value(decimal value) => new(Formats.Number(value), value);

    public static Cell Of(string text) => new(text, null);

    public static implicit operator Cell(string text) => Of(text);
}

public sealed record ResultTable(string Title, ImmutableArray<string> Columns, ImmutableArray<ImmutableArray<Cell>> Rows);

/// <summary>A line chart for the Markdown output (a Mermaid xychart): one x axis, one or more series.</summary>
public sealed record LineChart(string Title, string XLabel, string YLabel, ImmutableArray<decimal> X, ImmutableArray<(string Name, ImmutableArray<decimal> Y)> Series);

/// <summary>
/// What every analysis (break-even, sweep, Monte Carlo, TCO, migration) produces: a title, a few
/// sentences of findings, named facts, tables and optionally a chart. One shape, four renderers,
/// so each analysis decides what it says and never how it is laid out.
/// </summary>
public sealed record AnalysisDocument(
    string Kind,
    string Title,
    ImmutableArray<string> Findings,
    ImmutableArray<(string Name, Cell Value)> Facts,
    ImmutableArray<ResultTable> Tables,
    LineChart? Chart = null)
{
    /// <summary>What the reader must know before trusting the figures: missing prices above all (SP5006).</summary>
    public ImmutableArray<Diagnostic> Warnings { get; init; } = [];

    /// <summary>False when a side of the analysis has lines no price book holds.</summary>
    public bool IsComplete => !Warnings.Any(w => w.Code == DiagnosticCodes.IncompleteAnalysis);

    /// <summary>
    /// The same document for deployments that miss prices: the warnings say which lines, and the
    /// findings (winners, break-evens, savings, payback) give way to one sentence saying no decision
    /// is drawn, since a missing price counted as nothing would decide for the incomplete side.
    /// </summary>
    public AnalysisDocument Incomplete(ImmutableArray<Diagnostic> warnings) => this with
    {
        Warnings = warnings,
        Findings = ["INCOMPLETE: the figures below leave out lines no price book holds (see the warnings), so they are lower bounds for those deployments and no winner, break-even, saving or payback is concluded from them. Add the missing prices to decide."],
    };
}

public static class AnalysisRenderer
{
    public const int SchemaVersion = 1;

    public static void WriteText(AnalysisDocument doc, TextWriter o)
    {
        o.Write($"{doc.Title}\n\n");
        foreach (var warning in doc.Warnings)
        {
            o.Write($"{warning}\n");
        }

        foreach (var (name, value) in doc.Facts)
        {
            o.Write($"  {name}: {value.Text}\n");
        }

        foreach (var finding in doc.Findings)
        {
            o.Write($"{finding}\n");
        }

        foreach (var table in doc.Tables)
        {
            o.Write($"\n{table.Title}\n");
            var widths = table.Columns.Select((c, i) => Math.Max(c.Length, table.Rows.Select(r => r[i].Text.Length).DefaultIfEmpty(0).Max())).ToArray();
            string Line(IEnumerable<string> cells, IEnumerable<bool> numeric) =>
                "  " + string.Join("  ", cells.Zip(numeric).Select((c, i) => c.Second ? c.First.PadLeft(widths[i]) : c.First.PadRight(widths[i]))).TrimEnd() + "\n";
            var isNumber = table.Columns.Select((_, i) => !table.Rows.IsEmpty && table.Rows.All(r => r[i].Number is not null)).ToArray();
            o.Write(Line(table.Columns, isNumber));
            o.Write(Line(widths.Select(w => new string('-', w)), isNumber));
            foreach (var row in table.Rows)
            {
                o.Write(Line(row.Select(c => c.Text), isNumber));
            }
        }
    }

    /// <summary>Writes the document; <paramref name="level"/> 2 nests it under another document's title.</summary>
    public static void WriteMarkdown(AnalysisDocument doc, TextWriter o, int level = 1)
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
            o.Write($"{heading}# {table.Title}\n\n");
            o.Write("| " + string.Join(" | ", table.Columns) + " |\n");
            o.Write("|" + string.Join("|", table.Columns.Select((_, i) => !table.Rows.IsEmpty && table.Rows.All(r => r[i].Number is not null) ? "---:" : "---")) + "|\n");
            foreach (var row in table.Rows)
            {
                o.Write("| " + string.Join(" | ", row.Select(c => c.Text.Replace("|", "\\|", StringComparison.Ordinal))) + " |\n");
            }

            o.Write('\n');
        }
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

    /// <summary>The main (first) table, with plain numbers: what a spreadsheet wants.</summary>
    public static void WriteCsv(AnalysisDocument doc, TextWriter o)
    {
        if (doc.Tables.IsEmpty)
        {
            return;
        }

        var table = doc.Tables[0];
        o.Write(string.Join(',', table.Columns.Select(c => CsvRenderer.Quote(Snake(c)))) + "\n");
        foreach (var row in table.Rows)
        {
            o.Write(string.Join(',', row.Select(c => CsvRenderer.Quote(c.Number is { } n ? Formats.Plain(n) : c.Text))) + "\n");
        }
    }

    public static void WriteJson(AnalysisDocument doc, Stream output)
    {
        using var json = JsonWriting.CreateWriter(output);
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("analysis", doc.Kind);
        json.WriteString("title", doc.Title);
        json.WriteBoolean("complete", doc.IsComplete);
        json.WriteDiagnostics("warnings", doc.Warnings);
        json.WriteStartObject("facts");
        foreach (var (name, value) in doc.Facts)
        {
            WriteCell(json, Snake(name), value);
        }

        json.WriteEndObject();
        json.WriteStrings("findings", doc.Findings);
        json.WriteStartArray("tables");
        foreach (var table in doc.Tables)
        {
            json.WriteStartObject();
            json.WriteString("title", table.Title);
            json.WriteStartArray("rows");
            foreach (var row in table.Rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < table.Columns.Length; i++)
                {
                    WriteCell(json, Snake(table.Columns[i]), row[i]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCell(Utf8JsonWriter json, string name, Cell cell)
    {
        if (cell.Number is { } n)
        {
            json.WriteNumber(name, n);
        }
        else
        {
            json.WriteString(name, cell.Text);
        }
    }

    /// <summary>"Cost A ($/month)" to "cost_a_month": column names as stable machine keys.</summary>
    public static string Snake(string text)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsAsciiLetterOrDigit(ch) || ch == '.')
            {
                word.Append(char.ToLowerInvariant(ch));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return string.Join('_', words);
    }
}
