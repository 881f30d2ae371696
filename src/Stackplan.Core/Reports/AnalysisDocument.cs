using System.Collections.Immutable;
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
    LineChart? Chart = null) : IReportDocument
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

    /// <summary>"Cost A ($/month)" to "cost_a_month": column and fact names as stable machine keys (JSON, CSV).</summary>
    public static string Key(string text)
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

    /// <summary>Whether every row of column <paramref name="index"/> is a number (renderers right-align those).</summary>
    public static bool IsNumeric(ResultTable table, int index) => !table.Rows.IsEmpty && table.Rows.All(r => r[index].Number is not null);
}
