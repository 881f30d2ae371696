using System.Text.Json;
using Stackplan.Core.Model;

namespace Stackplan.Core.Reports;

public sealed partial class JsonRenderer
{
    /// <summary>An analysis: its facts and tables with exact numbers under snake_case keys (docs/analyses.md).</summary>
    private static void WriteAnalysis(AnalysisDocument doc, Stream output)
    {
        using var json = Open(output);
        json.WriteString("analysis", doc.Kind);
        json.WriteString("title", doc.Title);
        json.WriteBoolean("complete", doc.IsComplete);
        json.WriteDiagnostics("warnings", doc.Warnings);
        json.WriteStartObject("facts");
        foreach (var (name, value) in doc.Facts)
        {
            WriteCell(json, AnalysisDocument.Key(name), value);
        }

        json.WriteEndObject();
        json.WriteStrings("findings", doc.Findings);
        json.WriteStartArray("tables");
        foreach (var table in doc.Tables)
        {
            WriteTable(json, table);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTable(Utf8JsonWriter json, ResultTable table)
    {
        json.WriteStartObject();
        json.WriteString("title", table.Title);
        json.WriteStartArray("rows");
        foreach (var row in table.Rows)
        {
            json.WriteStartObject();
            for (var i = 0; i < table.Columns.Length; i++)
            {
                WriteCell(json, AnalysisDocument.Key(table.Columns[i]), row[i]);
            }

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

    /// <summary>Records as an array of objects, every field a string, then a line end.</summary>
    private static void WriteRecords(RecordTable records, Stream output)
    {
        using (var json = JsonWriting.CreateWriter(output))
        {
            json.WriteStartArray();
            foreach (var row in records.Rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < records.Header.Length; i++)
                {
                    json.WriteString(records.Header[i], row[i]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteByte((byte)'\n');
    }
}
