using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Stackplan.Core.Analysis;
using Stackplan.Core.Model;

namespace Stackplan.Core.Reports;

/// <summary>
/// A sweep's grid written row by row as its points are computed, for grids too large to hold as
/// one document: CSV (the same header and rows the CSV format writes for a small grid) or JSON
/// Lines (one object per point, keyed by the same column names). Nothing is kept between rows.
/// </summary>
public static class SweepStream
{
    /// <summary>The machine column names: the varied keys, then one per deployment (as <see cref="AnalysisDocument.Key"/> makes them).</summary>
    public static ImmutableArray<string> Columns(IReadOnlyList<SweepAxis> axes, IReadOnlyList<string> deployments) =>
        [.. axes.Select(a => a.Key).Concat(deployments).Select(AnalysisDocument.Key)];

    /// <summary>Writes the header and one CSV row per point; returns the rows written.</summary>
    public static long WriteCsv(IEnumerable<SweepPoint> points, ImmutableArray<string> columns, TextWriter output)
    {
        output.Write(string.Join(',', columns.Select(Escape.Csv)));
        output.Write('\n');
        var rows = 0L;
        foreach (var point in points)
        {
            for (var i = 0; i < point.Values.Length + point.Totals.Length; i++)
            {
                if (i > 0)
                {
                    output.Write(',');
                }

                output.Write(Formats.Plain(i < point.Values.Length ? point.Values[i] : point.Totals[i - point.Values.Length]));
            }

            output.Write('\n');
            rows++;
        }

        return rows;
    }

    /// <summary>Writes one JSON object per point and line (JSON Lines), numbers as JSON numbers; returns the rows written.</summary>
    public static long WriteJsonLines(IEnumerable<SweepPoint> points, ImmutableArray<string> columns, TextWriter output)
    {
        var names = columns.Select(c => JsonEncodedText.Encode(c)).ToArray();
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer);
        var rows = 0L;
        foreach (var point in points)
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            json.WriteStartObject();
            for (var i = 0; i < names.Length; i++)
            {
                json.WriteNumber(names[i], i < point.Values.Length ? point.Values[i] : point.Totals[i - point.Values.Length]);
            }

            json.WriteEndObject();
            json.Flush();
            output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
            output.Write('\n');
            rows++;
        }

        return rows;
    }
}
