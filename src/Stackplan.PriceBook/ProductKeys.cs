using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;

namespace Stackplan.PriceBook;

/// <summary>One Stackplan price key a product gives under one key-map rule, in a region ("any" for a global rule).</summary>
/// <param name="Rule">The rule's position in the key map: where several rules give one key, the first wins.</param>
internal readonly record struct ProductKey(int Rule, string Key, string Region);

/// <summary>
/// The key map applied to one product as it is imported, in managed code, so the book stores which
/// key each product prices (table product_keys) and an estimate never runs the key map over the
/// book. The same tests as the rules state: offer, family, each attribute equal, the usage type
/// (region prefix removed) matching, regional products for regional rules and region-less ones for
/// global rules; {placeholders} filled as <see cref="KeyRule.KeyFor(string, Func{IReadOnlyDictionary{string, string}})"/> does.
/// </summary>
internal sealed class ProductKeys
{
    private readonly FrozenDictionary<string, ImmutableArray<(int Index, KeyRule Rule)>> _rulesByOffer;

    public ProductKeys(PriceListKeyMap map)
    {
        _rulesByOffer = map.Rules.Select((rule, index) => (index, rule)).GroupBy(r => r.rule.OfferCode, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
        AttributeNames = [.. map.Rules.SelectMany(r => r.Attributes.Select(a => a.Key).Concat(KeyRule.PlaceholderNames(r.KeyTemplate))).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The product attributes any rule reads (its filters and its key's placeholders): all a reader needs to capture.</summary>
    public ImmutableArray<string> AttributeNames { get; }

    /// <summary>Whether any rule reads products of this offer.</summary>
    public bool Covers(string offerCode) => _rulesByOffer.ContainsKey(offerCode);

    /// <summary>The keys <paramref name="product"/> gives; <paramref name="attributes"/> holds at least the <see cref="AttributeNames"/> it has.</summary>
    public IEnumerable<ProductKey> For(string offerCode, ProductRow product, IReadOnlyDictionary<string, string> attributes)
    {
        if (!_rulesByOffer.TryGetValue(offerCode, out var rules))
        {
            yield break;
        }

        string? usageType = null;
        foreach (var (index, rule) in rules)
        {
            if ((rule.Family is { } family && family != product.Family) || (product.Region.Length == 0) != rule.Global
                || !rule.Attributes.All(a => attributes.TryGetValue(a.Key, out var v) && v == a.Value))
            {
                continue;
            }

            usageType ??= PriceListKeyMap.WithoutRegionPrefix(product.UsageType);
            if (rule.KeyFor(usageType, () => attributes) is { } key)
            {
                yield return new ProductKey(index, key, rule.Global ? SqlitePriceBook.AnyRegion : product.Region);
            }
        }
    }

    /// <summary>The string attributes of a product's stored JSON object (for readers that do not capture them: CSV).</summary>
    public static Dictionary<string, string> Parse(byte[] attributesJson)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(attributesJson);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    values.TryAdd(name, reader.GetString()!);
                }
                else
                {
                    reader.TrySkip();
                }
            }
        }

        return values;
    }
}
