using System.Collections.Immutable;
using Stackplan.Core.Model;

namespace Stackplan.Core.Reports;

/// <summary>
/// The decision document of <c>stackplan report</c>: sections in the order a platform lead reads
/// them (summary, costs, capabilities, architecture, matrix, readiness, ...), each a list of
/// blocks. Data only: the Markdown and HTML renderers decide the layout.
/// </summary>
public sealed record DecisionDocument(string Title, string Introduction, ImmutableArray<DocumentSection> Sections, ImmutableArray<(string Name, string Value)> Footer) : IReportDocument;

/// <summary>A section (or, nested, a subsection) with a stable id: <c>--sections</c> names top-level ones, HTML anchors use it.</summary>
public sealed record DocumentSection(string Id, string Title, ImmutableArray<Block> Blocks, ImmutableArray<DocumentSection> Subsections = default)
{
    public ImmutableArray<DocumentSection> Children => Subsections.IsDefault ? [] : Subsections;
}

/// <summary>A piece of a section.</summary>
public abstract record Block;

/// <summary>A paragraph of plain text (renderers escape it).</summary>
public sealed record Paragraph(string Text) : Block;

/// <summary>A list; each item may start with a bold <see cref="BulletItem.Lead"/>.</summary>
public sealed record BulletList(ImmutableArray<BulletItem> Items) : Block;

public sealed record BulletItem(string? Lead, string Text);

/// <summary>A table whose title is its caption.</summary>
public sealed record TableBlock(ResultTable Table) : Block;

/// <summary>A chart; every chart also says what it shows in words (<see cref="Chart.Describe"/>), for screen readers and plain text.</summary>
public sealed record ChartBlock(Chart Chart) : Block;

/// <summary>Readiness rules as a checklist: one item per rule and deployment.</summary>
public sealed record Checklist(string Title, ImmutableArray<ChecklistItem> Items) : Block;

/// <summary>A rule's verdict: <see cref="Status"/> is passed, failed, suppressed or not applicable.</summary>
public sealed record ChecklistItem(string Code, string Rule, string Severity, string Status, string Detail, string? DocPath);

/// <summary>How data moves through one deployment, one flow per concern ("metrics: Prometheus -> Mimir -> s3").</summary>
public sealed record FlowDiagram(string Deployment, ImmutableArray<Flow> Flows) : Block;

public sealed record Flow(string Concern, ImmutableArray<string> Steps);

/// <summary>A chart's data; the renderers draw it (SVG in HTML, Mermaid in Markdown).</summary>
public abstract record Chart(string Title)
{
    /// <summary>The chart in words: its text alternative.</summary>
    public abstract string Describe();
}

/// <summary>Stacked bars: one bar per <see cref="Bars"/> label, one stack segment per series (USD per month).</summary>
public sealed record StackedBarChart(string Title, string Unit, ImmutableArray<string> Bars, ImmutableArray<ChartSeries> Series) : Chart(Title)
{
    public decimal Total(int bar) => Series.Sum(s => s.Values[bar]);

    public override string Describe() =>
        $"{Title}. " + string.Join("; ", Bars.Select((b, i) => $"{b}: {Formats.MoneyWithSymbol(Total(i))} in all, " +
            string.Join(", ", Series.Where(s => s.Values[i] != 0m).Select(s => $"{s.Name} {Formats.MoneyWithSymbol(s.Values[i])}")))) + ".";
}

public sealed record ChartSeries(string Name, ImmutableArray<decimal> Values);

/// <summary>
/// Lines over a numeric x axis, with marked points (a break-even, a payback year) where
/// <see cref="Markers"/> says. Money on the y axis.
/// </summary>
public sealed record CurveChart(string Title, string XLabel, string YLabel, ImmutableArray<decimal> X, ImmutableArray<ChartSeries> Series, ImmutableArray<ChartMarker> Markers) : Chart(Title)
{
    public static CurveChart From(LineChart chart, ImmutableArray<ChartMarker> markers) =>
        new(chart.Title, chart.XLabel, chart.YLabel, chart.X, [.. chart.Series.Select(s => new ChartSeries(s.Name, s.Y))], markers);

    public override string Describe() =>
        $"{Title}: {YLabel} against {XLabel} from {Formats.Number(X[0])} to {Formats.Number(X[^1])}. " +
        string.Join("; ", Series.Select(s => $"{s.Name} goes from {Formats.MoneyWithSymbol(s.Values[0])} to {Formats.MoneyWithSymbol(s.Values[^1])}")) + "." +
        string.Concat(Markers.Select(m => $" Marked: {m.Label}."));
}

public sealed record ChartMarker(decimal X, decimal Y, string Label);

/// <summary>Low, expected and high per deployment, with the Monte Carlo P10..P90 band when sampled.</summary>
public sealed record RangeChart(string Title, ImmutableArray<RangeBar> Bars) : Chart(Title)
{
    public override string Describe() =>
        $"{Title}. " + string.Join("; ", Bars.Select(b => $"{b.Label}: {Formats.MoneyWithSymbol(b.Low)} to {Formats.MoneyWithSymbol(b.High)}, expected {Formats.MoneyWithSymbol(b.Expected)}" +
            (b.P10 is { } p10 && b.P90 is { } p90 ? $", P10 {Formats.MoneyWithSymbol(p10)}, P90 {Formats.MoneyWithSymbol(p90)}" : ""))) + ".";
}

public sealed record RangeBar(string Label, decimal Low, decimal Expected, decimal High, decimal? P10, decimal? P90);

/// <summary>Work on a time line: bars in days from the start, in rows grouped by phase.</summary>
public sealed record TimelineChart(string Title, ImmutableArray<TimelineBar> Bars) : Chart(Title)
{
    public decimal End => Bars.Select(b => b.Start + b.Days).DefaultIfEmpty(0m).Max();

    public override string Describe() =>
        $"{Title}, {Formats.Number(End)} day(s) in all: " + string.Join("; ", Bars.Select(b => $"{b.Phase}: {b.Label}, days {Formats.Number(b.Start)} to {Formats.Number(b.Start + b.Days)}")) + ".";
}

public sealed record TimelineBar(string Phase, string Label, decimal Start, decimal Days);
