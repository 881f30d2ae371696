using System.Text;

namespace Stackplan.Core.Parsing;

/// <summary>One CSV record and the 1-based line it starts on.</summary>
/// <remarks>A class rather than a tuple: LINQ over a reference type runs precompiled code, while
/// each value-tuple instantiation is compiled at start-up.</remarks>
public sealed record CsvRecord(int Line, string[] Fields);

/// <summary>An RFC 4180 reader for the small CSV data files Stackplan ships (quoted fields, doubled quotes, CRLF or LF).</summary>
public static class Csv
{
    /// <summary>Yields each record with the line it starts on.</summary>
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"':
                    inQuotes = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return new CsvRecord(recordLine, fields.ToArray());
                    fields.Clear();
                    any = false;
                    recordLine = ++line;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (any)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields.ToArray());
        }
    }
}
