using System.Globalization;
using nietras.SeparatedValues;

namespace Stackplan.PriceCompiler;

/// <summary>
/// One row of aws-key-map.csv: which reference key becomes which catalog key, in which unit. A
/// <c>*</c> in the source key captures a name ({1} in the key); <c>a+b</c> sums two flat prices
/// (a surcharge and the price it is added to). <see cref="Scale"/> converts the reference unit to
/// the catalog's: the price is multiplied by it and tier bounds divided by it.
/// </summary>
internal sealed record KeyRule(string SourceKey, string Key, string Unit, decimal Scale, string Description)
{
    private string Primary => SourceKey.Split('+')[0];

    public string? AddedKey => SourceKey.Contains('+', StringComparison.Ordinal) ? SourceKey.Split('+')[1] : null;

    private bool IsWildcard => Primary.Contains('*', StringComparison.Ordinal);

    /// <summary>Whether the rule maps a source key. A wildcard leaves alone keys an earlier rule already mapped.</summary>
    public bool Matches(string key, out string capture, ISet<string>? alreadyMapped)
    {
        capture = "";
        if (!IsWildcard)
        {
            return key == Primary;
        }

        if (alreadyMapped?.Contains(key) == true)
        {
            return false;
        }

        var star = Primary.IndexOf('*', StringComparison.Ordinal);
        var prefix = Primary[..star];
        var suffix = Primary[(star + 1)..];
        if (key.Length <= prefix.Length + suffix.Length || !key.StartsWith(prefix, StringComparison.Ordinal) || !key.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        capture = key[prefix.Length..^suffix.Length];
        return true;
    }

    public string KeyFor(string capture) => Key.Replace("{1}", capture, StringComparison.Ordinal);

    public string DescriptionFor(string capture) => Description.Replace("{1}", capture, StringComparison.Ordinal);
}

internal static class KeyMap
{
    public static IReadOnlyList<KeyRule> Load()
    {
        using var stream = typeof(KeyMap).Assembly.GetManifestResourceStream("aws-key-map.csv")
            ?? throw new InvalidOperationException("aws-key-map.csv is missing from the build");
        using var text = new StreamReader(stream);
        var rules = new List<KeyRule>();
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(text.ReadToEnd());
        foreach (var row in reader)
        {
            rules.Add(new KeyRule(row["source_key"].ToString(), row["key"].ToString(), row["unit"].ToString(),
                decimal.Parse(row["scale"].Span, NumberStyles.Float, CultureInfo.InvariantCulture), row["description"].ToString()));
        }

        return rules;
    }
}
