using System.Text.Encodings.Web;
using System.Text.Json;

namespace Stackplan.Core.Reports;

/// <summary>What every JSON document Stackplan writes shares: its writer settings and its string lists.</summary>
public static class JsonWriting
{
    /// <summary>Indented, and without escaping non-ASCII or HTML characters, so people can read the files too.</summary>
    public static Utf8JsonWriter CreateWriter(Stream output) =>
        new(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static void WriteStrings(this Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>Diagnostics as objects: code, name, severity, message, and location and hint when they have one.</summary>
    public static void WriteDiagnostics(this Utf8JsonWriter json, string name, IEnumerable<Model.Diagnostic> diagnostics)
    {
        json.WriteStartArray(name);
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("code", d.Code.Id);
            json.WriteString("name", d.Code.Name);
            json.WriteString("severity", d.Code.SeverityName);
            json.WriteString("message", d.Message);
            if (d.Location is { } at)
            {
                json.WriteString("location", at.ToString());
            }

            if (d.Hint is { } hint)
            {
                json.WriteString("hint", hint);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
