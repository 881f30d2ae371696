namespace Stackplan.Core.Parsing;

/// <summary>Word helpers for messages: kebab-case names and "did you mean" suggestions.</summary>
public static class Spelling
{
    public static string KebabCase(string pascal)
    {
        var sb = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(pascal[i]));
        }

        return sb.ToString();
    }

    /// <summary>"did you mean ..." for the known word nearest to a misspelt one, when one is near enough.</summary>
    public static string? Suggest(string word, IEnumerable<string> known)
    {
        // An abbreviation (mod for moderate) is nearer by edit distance to a short word (low) than
        // to the word it starts: the one known word it begins is what was meant.
        var list = known as IReadOnlyCollection<string> ?? [.. known];
        var started = list.Where(k => word.Length >= 2 && k.Length > word.Length && k.StartsWith(word, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).Take(2).ToList();
        if (started.Count == 1)
        {
            return $"did you mean '{started[0]}'?";
        }

        var best = list
            .Select(k => (Word: k, Distance: Levenshtein(word.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(x => x.Distance).ThenBy(x => x.Word, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Word is not null && best.Distance <= Math.Max(2, word.Length / 3) ? $"did you mean '{best.Word}'?" : null;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
