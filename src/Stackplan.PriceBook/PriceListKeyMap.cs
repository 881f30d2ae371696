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
/// <c>{key}/{commitment}</c> (see <see cref="Commitment"/>).
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
    /// <summary>The key for a product, or null when a {placeholder} names an attribute it lacks.</summary>
    public string? KeyFor(IReadOnlyDictionary<string, string> attributes) =>
        Placeholder().Replace(KeyTemplate, m => attributes.TryGetValue(m.Groups[1].Value, out var v) ? v : "\0") is var key && !key.Contains('\0') ? key : null;

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>The rules that map AWS Price List products onto Stackplan price keys.</summary>
public sealed partial class PriceListKeyMap(ImmutableArray<KeyRule> rules)
{
    public const string EmbeddedName = "data/prices/aws-price-list-keys.yaml";

    private static readonly Lazy<PriceListKeyMap> LazyEmbedded = new(() => Read(EmbeddedData.Read(EmbeddedName), EmbeddedName));

    public static PriceListKeyMap Embedded => LazyEmbedded.Value;

    public ImmutableArray<KeyRule> Rules { get; } = rules;

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

        return new PriceListKeyMap(rules.ToImmutable());
    }
}
