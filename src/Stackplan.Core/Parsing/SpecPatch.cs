using System.Collections.Immutable;
using System.Text;
using Stackplan.Core.Model;

namespace Stackplan.Core.Parsing;

/// <summary>
/// Writes scalar edits back into a YAML file's text, in place: only the characters of each edited
/// value change, so comments, layout, flow or block style and every other line stay as written.
/// An edit whose place no longer reads its old value (a different file, an edited file, an alias)
/// is not applied and is handed back, so the caller can say so.
/// </summary>
public static class SpecPatch
{
    public static (string Text, ImmutableArray<ScalarEdit> NotApplied) Apply(string text, string fileName, IEnumerable<ScalarEdit> edits)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var notApplied = ImmutableArray.CreateBuilder<ScalarEdit>();
        var spans = new List<(int Start, int Length, string New)>();
        foreach (var edit in edits.Distinct())
        {
            var span = edit.At.File == fileName && edit.At.Line >= 1 && edit.At.Line <= lineStarts.Count && edit.At.Column >= 1
                ? Find(text, lineStarts[edit.At.Line - 1] + edit.At.Column - 1, edit.Old)
                : null;
            if (span is not { } s || spans.Any(other => other.Start == s.Start))
            {
                notApplied.Add(edit);
                continue;
            }

            spans.Add((s.Start, s.Length, edit.New));
        }

        var result = new StringBuilder(text);
        foreach (var (start, length, value) in spans.OrderByDescending(s => s.Start))
        {
            result.Remove(start, length).Insert(start, value);
        }

        return (result.ToString(), notApplied.ToImmutable());
    }

    /// <summary>The span of the value's characters at <paramref name="at"/> (inside its quotes, if quoted), if it reads <paramref name="old"/>.</summary>
    private static (int Start, int Length)? Find(string text, int at, string old)
    {
        if (at >= text.Length)
        {
            return null;
        }

        var quoted = text[at] is '"' or '\'';
        var start = quoted ? at + 1 : at;
        if (string.CompareOrdinal(text, start, old, 0, old.Length) != 0)
        {
            return null;
        }

        // The value must end where the old one does: a plain scalar at a delimiter, a quoted one at its quote.
        var end = start + old.Length;
        var next = end < text.Length ? text[end] : '\n';
        var ends = quoted ? next == text[at] : next is ',' or '}' or ']' or ' ' or '\t' or '\r' or '\n' or '#';
        return ends ? (start, old.Length) : null;
    }
}
