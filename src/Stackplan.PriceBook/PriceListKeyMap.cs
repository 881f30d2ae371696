using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.PriceBook;

/// <summary>
/// One rule of data/prices/aws-price-list-keys.yaml: which AWS products price a Stackplan key, and
/// how the AWS unit converts (Stackplan price = AWS price x Factor; ranges are divided by it).
/// With <see cref="Commitments"/> the key also gets Reserved and Savings Plans prices, under
/// <c>{key}/{commitment}</c> (see <see cref="Commitment"/>). A <c>{name}</c> in the key template is
/// filled from the usage type's named group <c>(?&lt;name&gt;...)</c> when the rule's regex has one,
/// else from the product attribute of that name; <c>{name|lower}</c> lower-cases the value (AWS writes
/// <c>Kafka.m5.large</c> and <c>Medium</c> where the catalog's keys say <c>kafka.m5.large</c> and <c>medium</c>).
/// </summary>
public sealed partial record KeyRule(
    string KeyTemplate,
    string Unit,
    string OfferCode,
    string? Family,
    Regex? UsageType,
    ImmutableArray<KeyValuePair<string, string>> Attributes,
    string AwsUnit,
    decimal Factor,
    bool Global,
    bool Commitments = false)
{
    /// <summary>The key for a product, or null when a {placeholder} names a value the product lacks.</summary>
    public string? KeyFor(IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(KeyTemplate, m => values.TryGetValue(m.Groups[1].Value, out var v) ? (m.Groups[2].Success ? v.ToLowerInvariant() : v) : "\0") is var key && !key.Contains('\0') ? key : null;

    /// <summary>
    /// The key for a product whose usage type (region prefix removed) is <paramref name="usageType"/>:
    /// named groups of the usage-type regex first, then the product's attributes, read only when a
    /// placeholder needs them. Null when the usage type does not fit the rule or a value is missing.
    /// </summary>
    public string? KeyFor(string usageType, Func<IReadOnlyDictionary<string, string>> attributes)
    {
        var match = UsageType?.Match(usageType);
        if (match is { Success: false })
        {
            return null;
        }

        if (!KeyTemplate.Contains('{', StringComparison.Ordinal))
        {
            return KeyTemplate;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in match?.Groups.Values.Where(g => g.Success && !int.TryParse(g.Name, out _)) ?? [])
        {
            values[group.Name] = group.Value;
        }

        if (KeyFor(values) is { } fromUsage)
        {
            return fromUsage;
        }

        foreach (var (name, value) in attributes())
        {
            values.TryAdd(name, value);
        }

        return KeyFor(values);
    }

    /// <summary>The names a key template's {placeholders} take their values from.</summary>
    public static IEnumerable<string> PlaceholderNames(string keyTemplate) => Placeholder().Matches(keyTemplate).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\{([A-Za-z]+)(\|lower)?\}")]
    private static partial Regex Placeholder();
}

/// <summary>A catalog price key the key map does not import, and why (what could not be verified against real offer data).</summary>
public sealed record UnverifiedKey(string Key, string Reason);

/// <summary>The rules that map AWS Price List products onto Stackplan price keys.</summary>
public sealed partial class PriceListKeyMap(ImmutableArray<KeyRule> rules, ImmutableArray<UnverifiedKey> unverified = default)
{
    public const string EmbeddedName = "data/prices/aws-price-list-keys.yaml";

    private static readonly Lazy<PriceListKeyMap> LazyEmbedded = new(() => Read(EmbeddedData.Read(EmbeddedName), EmbeddedName));

    public static PriceListKeyMap Embedded => LazyEmbedded.Value;

    /// <summary>
    /// A fingerprint of the embedded key map's text (FNV-1a, 64 bits): a book stores the one it was
    /// imported with, since it stores the keys the map gave, and a book of another map is refused.
    /// Not a cryptographic hash on purpose: reading a book must not need OpenSSL.
    /// </summary>
    public static string EmbeddedFingerprint => LazyFingerprint.Value;

    private static readonly Lazy<string> LazyFingerprint = new(() => Fingerprint(EmbeddedData.Read(EmbeddedName)));

    internal static string Fingerprint(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    public ImmutableArray<KeyRule> Rules { get; } = rules;

    /// <summary>Catalog keys left out of the map on purpose, each with the reason (the map's <c>unverified:</c> list).</summary>
    public ImmutableArray<UnverifiedKey> Unverified { get; } = unverified.IsDefault ? [] : unverified;

    public IEnumerable<string> OfferCodes => Rules.Select(r => r.OfferCode).Distinct().Order(StringComparer.Ordinal);

    /// <summary>The usage type without its region prefix (USE1-, EUC1-, EU-, Global-...): us-east-1 EC2 has none.</summary>
    public static string WithoutRegionPrefix(string usageType) => RegionPrefix().Replace(usageType, "");

    [GeneratedRegex("^(?:[A-Z]{3,4}[0-9]{1,2}|EU|Global)-")]
    private static partial Regex RegionPrefix();

    public static PriceListKeyMap Read(string yaml, string fileName)
    {
        using var text = new StringReader(yaml);
        var root = YamlTreeReader.Read(text, fileName) as YamlMapping ?? throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(fileName), "the key map is a mapping with 'keys:'");
        var list = root["keys"] as YamlSequence ?? throw new InputException(DiagnosticCodes.InvalidPriceFile, root.Location, "the key map needs a 'keys:' list");
        var rules = ImmutableArray.CreateBuilder<KeyRule>();
        foreach (var item in list.Items)
        {
            var map = item as YamlMapping ?? throw new InputException(DiagnosticCodes.InvalidPriceFile, item.Location, "each key rule is a mapping");
            string? Text(string name, bool required = true) =>
                map[name] is YamlScalar s ? s.Value : required ? throw new InputException(DiagnosticCodes.MissingKey, map.Location, $"key rule needs '{name}'") : null;
            var attributes = map["attributes"] is YamlMapping a
                ? a.Entries.Select(e => new KeyValuePair<string, string>(e.Key.Value, (e.Value as YamlScalar)?.Value ?? "")).ToImmutableArray()
                : [];
            var factor = Text("factor", required: false) is { } f ? decimal.Parse(f, CultureInfo.InvariantCulture) : 1m;
            rules.Add(new KeyRule(Text("key")!, Text("unit")!, Text("offer")!, Text("family", required: false),
                Text("usagetype", required: false) is { } u ? new Regex(u, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)) : null,
                attributes, Text("awsUnit")!, factor, Text("global", required: false) == "true", Text("commitments", required: false) == "true"));
        }

        var unverified = (root["unverified"] as YamlSequence)?.Items.OfType<YamlMapping>()
            .Select(m => new UnverifiedKey((m["key"] as YamlScalar)?.Value ?? "", (m["reason"] as YamlScalar)?.Value ?? ""))
            .ToImmutableArray() ?? [];
        return new PriceListKeyMap(rules.ToImmutable(), unverified);
    }
}
