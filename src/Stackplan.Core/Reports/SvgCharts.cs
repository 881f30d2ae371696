using System.Globalization;
using System.Text;
using Stackplan.Core.Model;

namespace Stackplan.Core.Reports;

/// <summary>
/// Draws the decision document's charts as inline SVG, sized by a viewBox so they scale to the
/// page. Colours are CSS variables (--c0..--c11) the page swaps for dark mode; every chart has
/// a &lt;title&gt; and a &lt;desc&gt; (its text alternative), and numbers are written in the invariant culture.
/// </summary>
public sealed class SvgCharts
{
    private const int Width = 760;
    private const int Palette = 12;
    private int _count;

    /// <summary>A fresh id for the next chart on the page (ids must be unique in one document).</summary>
    public string Next() => $"chart-{++_count}";

    public string Draw(Chart chart, string id) => chart switch
    {
        StackedBarChart s => StackedBars(s, id),
        CurveChart c => Curves(c, id),
        RangeChart r => Ranges(r, id),
        TimelineChart t => Timeline(t, id),
        _ => throw new NotSupportedException($"no SVG drawing for {chart.GetType().Name}"),
    };

    private static string F(decimal v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => Escape.Html(text);

    private static StringBuilder Open(Chart chart, string id, int height)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(chart.Title)}</title>\n<desc id=\"{id}-desc\">{E(chart.Describe())}</desc>\n");
        return svg;
    }

    /// <summary>A round step for about <paramref name="ticks"/> axis ticks up to <paramref name="max"/>: 1, 2 or 5 times a power of ten.</summary>
    public static decimal NiceStep(decimal max, int ticks = 5)
    {
        if (max <= 0m)
        {
            return 1m;
        }

        var raw = (double)max / ticks;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (raw / power) switch { <= 1 => power, <= 2 => 2 * power, <= 5 => 5 * power, _ => 10 * power };
        return (decimal)step;
    }

    private static string Money(decimal v) => v >= 10000m ? "$" + (v / 1000m).ToString("#,##0.#", CultureInfo.InvariantCulture) + "k" : "$" + v.ToString("#,##0", CultureInfo.InvariantCulture);

    /// <summary>A horizontal value axis from 0 to <paramref name="max"/> along x in [left, right], with grid lines down to <paramref name="bottom"/>.</summary>
    private static void XAxis(StringBuilder svg, decimal max, int left, int right, int top, int bottom, Func<decimal, string> label, string? title = null)
    {
        var step = NiceStep(max);
        for (var v = 0m; v <= max + (step / 1000m); v += step)
        {
            var x = left + ((right - left) * (max == 0m ? 0m : v / max));
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{F(x)}\" y1=\"{top}\" x2=\"{F(x)}\" y2=\"{bottom}\"/><text x=\"{F(x)}\" y=\"{bottom + 16}\" text-anchor=\"middle\">{E(label(v))}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\"/>\n");
        if (title is not null)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(left + right) / 2}\" y=\"{bottom + 34}\" text-anchor=\"middle\">{E(title)}</text>\n");
        }
    }

    /// <summary>The axis maximum: the largest value rounded up to a whole step.</summary>
    private static decimal Ceiling(decimal max)
    {
        var step = NiceStep(max);
        return Math.Max(step, Math.Ceiling(max / step) * step);
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<string> names, int y, int columns = 4)
    {
        for (var i = 0; i < names.Count; i++)
        {
            var x = 12 + (i % columns * ((Width - 24) / columns));
            var row = y + (i / columns * 20);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{row - 10}\" width=\"12\" height=\"12\" style=\"fill:var(--c{i % Palette})\"/><text x=\"{x + 18}\" y=\"{row}\">{E(names[i])}</text>\n");
        }
    }

    private static int LegendHeight(int count, int columns = 4) => ((count + columns - 1) / columns * 20) + 10;

    private static string Label(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private string StackedBars(StackedBarChart chart, string id)
    {
        // The right margin holds each bar's total after its end.
        const int left = 190, right = Width - 90, row = 34, top = 10;
        var bottom = top + (chart.Bars.Length * row);
        var height = bottom + 40 + LegendHeight(chart.Series.Length);
        var max = Ceiling(chart.Bars.Select((_, i) => chart.Total(i)).DefaultIfEmpty(0m).Max());
        var svg = Open(chart, id, height);
        XAxis(svg, max, left, right, top, bottom, Money);
        for (var b = 0; b < chart.Bars.Length; b++)
        {
            var y = top + (b * row) + 6;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{E(Label(chart.Bars[b], 28))}</text>\n");
            var x = (decimal)left;
            for (var s = 0; s < chart.Series.Length; s++)
            {
                var w = (right - left) * chart.Series[s].Values[b] / max;
                if (w > 0m)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x)}\" y=\"{y}\" width=\"{F(w)}\" height=\"22\" style=\"fill:var(--c{s % Palette})\"><title>{E($"{chart.Bars[b]}, {chart.Series[s].Name}: {Formats.MoneyWithSymbol(chart.Series[s].Values[b])}")}</title></rect>\n");
                }

                x += w;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 6)}\" y=\"{y + 15}\">{E(Formats.MoneyWithSymbol(chart.Total(b)))}</text>\n");
        }

        Legend(svg, [.. chart.Series.Select(s => s.Name)], bottom + 44);
        return svg.Append("</svg>\n").ToString();
    }

    private string Curves(CurveChart chart, string id)
    {
        const int left = 80, right = Width - 20, top = 16, bottom = 300;
        var height = bottom + 66 + ((chart.Series.Length + 2) / 3 * 20) + (chart.Markers.IsEmpty ? 0 : 20);
        var (x0, x1) = (chart.X[0], chart.X[^1]);
        var yMax = Ceiling(chart.Series.SelectMany(s => s.Values).Append(0m).Max());
        decimal Px(decimal x) => x1 == x0 ? left : left + ((right - left) * (x - x0) / (x1 - x0));
        decimal Py(decimal y) => bottom - ((bottom - top) * y / yMax);
        var svg = Open(chart, id, height);
        var step = NiceStep(yMax);
        for (var v = 0m; v <= yMax + (step / 1000m); v += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{left}\" y1=\"{F(Py(v))}\" x2=\"{right}\" y2=\"{F(Py(v))}\"/><text x=\"{left - 6}\" y=\"{F(Py(v) + 4)}\" text-anchor=\"end\">{E(Money(v))}</text>\n");
        }

        var xStep = NiceStep(x1 - x0);
        for (var v = Math.Ceiling(x0 / xStep) * xStep; v <= x1 + (xStep / 1000m); v += xStep)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Px(v))}\" y=\"{bottom + 16}\" text-anchor=\"middle\">{E(Formats.Number(v))}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\"/><line class=\"axis\" x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{bottom}\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(left + right) / 2}\" y=\"{bottom + 34}\" text-anchor=\"middle\">{E(chart.XLabel)}</text>\n");
        for (var s = 0; s < chart.Series.Length; s++)
        {
            var points = string.Join(" ", chart.X.Select((x, i) => $"{F(Px(x))},{F(Py(chart.Series[s].Values[i]))}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"line\" points=\"{points}\" style=\"stroke:var(--c{s % Palette})\"><title>{E(chart.Series[s].Name)}</title></polyline>\n");
        }

        foreach (var m in chart.Markers)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" stroke-dasharray=\"4 3\" x1=\"{F(Px(m.X))}\" y1=\"{F(Py(m.Y))}\" x2=\"{F(Px(m.X))}\" y2=\"{bottom}\"/><circle class=\"marker\" cx=\"{F(Px(m.X))}\" cy=\"{F(Py(m.Y))}\" r=\"6\"><title>{E(m.Label)}</title></circle>\n");
        }

        var legend = chart.Series.Select(s => s.Name).ToList();
        Legend(svg, legend, bottom + 60, 3);
        if (!chart.Markers.IsEmpty)
        {
            var y = bottom + 60 + ((legend.Count + 2) / 3 * 20);
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"marker\" cx=\"18\" cy=\"{y - 4}\" r=\"5\"/><text x=\"30\" y=\"{y}\">{E(string.Join("; ", chart.Markers.Select(m => m.Label)))}</text>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }

    private string Ranges(RangeChart chart, string id)
    {
        const int left = 190, right = Width - 20, row = 34, top = 10;
        var bottom = top + (chart.Bars.Length * row);
        var height = bottom + 40 + LegendHeight(3, 3);
        var max = Ceiling(chart.Bars.Select(b => b.High).DefaultIfEmpty(0m).Max());
        decimal Px(decimal v) => left + ((right - left) * v / max);
        var svg = Open(chart, id, height);
        XAxis(svg, max, left, right, top, bottom, Money);
        for (var b = 0; b < chart.Bars.Length; b++)
        {
            var bar = chart.Bars[b];
            var y = top + (b * row) + 17;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{y + 4}\" text-anchor=\"end\">{E(Label(bar.Label, 28))}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(Px(bar.Low))}\" y1=\"{y}\" x2=\"{F(Px(bar.High))}\" y2=\"{y}\" style=\"stroke:var(--c0);stroke-width:3\"><title>{E($"{bar.Label}: low {Formats.MoneyWithSymbol(bar.Low)}, high {Formats.MoneyWithSymbol(bar.High)}")}</title></line>\n");
            if (bar.P10 is { } p10 && bar.P90 is { } p90)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"band\" x=\"{F(Px(p10))}\" y=\"{y - 9}\" width=\"{F(Math.Max(1m, Px(p90) - Px(p10)))}\" height=\"18\" style=\"fill:var(--c1)\"><title>{E($"{bar.Label}: P10 {Formats.MoneyWithSymbol(p10)}, P90 {Formats.MoneyWithSymbol(p90)}")}</title></rect>\n");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"marker\" cx=\"{F(Px(bar.Expected))}\" cy=\"{y}\" r=\"5\"><title>{E($"{bar.Label}: expected {Formats.MoneyWithSymbol(bar.Expected)}")}</title></circle>\n");
        }

        var ly = bottom + 44;
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"12\" y1=\"{ly - 4}\" x2=\"36\" y2=\"{ly - 4}\" style=\"stroke:var(--c0);stroke-width:3\"/><text x=\"42\" y=\"{ly}\">low to high</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"band\" x=\"260\" y=\"{ly - 12}\" width=\"24\" height=\"14\" style=\"fill:var(--c1)\"/><text x=\"290\" y=\"{ly}\">Monte Carlo P10 to P90</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"marker\" cx=\"530\" cy=\"{ly - 4}\" r=\"5\"/><text x=\"542\" y=\"{ly}\">expected</text>\n");
        return svg.Append("</svg>\n").ToString();
    }

    private string Timeline(TimelineChart chart, string id)
    {
        const int left = 250, right = Width - 20, row = 28, top = 10;
        var bottom = top + (Math.Max(1, chart.Bars.Length) * row);
        var phases = chart.Bars.Select(b => b.Phase).Distinct(StringComparer.Ordinal).ToList();
        var height = bottom + 50 + LegendHeight(phases.Count, 2);
        var max = Ceiling(Math.Max(1m, chart.End));
        decimal Px(decimal v) => left + ((right - left) * v / max);
        var svg = Open(chart, id, height);
        XAxis(svg, max, left, right, top, bottom, v => Formats.Number(v), "days of effort from the start");
        for (var b = 0; b < chart.Bars.Length; b++)
        {
            var bar = chart.Bars[b];
            var y = top + (b * row) + 5;
            var colour = phases.IndexOf(bar.Phase) % Palette;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{y + 13}\" text-anchor=\"end\">{E(Label(bar.Label, 36))}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(Px(bar.Start))}\" y=\"{y}\" width=\"{F(Math.Max(2m, Px(bar.Start + bar.Days) - Px(bar.Start)))}\" height=\"18\" style=\"fill:var(--c{colour})\"><title>{E($"{bar.Phase}: {bar.Label}, {Formats.Number(bar.Days)} day(s) from day {Formats.Number(bar.Start)}")}</title></rect>\n");
        }

        Legend(svg, phases, bottom + 62, 2);

        return svg.Append("</svg>\n").ToString();
    }
}
