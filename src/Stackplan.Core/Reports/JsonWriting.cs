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
}
