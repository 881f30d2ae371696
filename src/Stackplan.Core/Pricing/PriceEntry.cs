using System.Collections.Immutable;

namespace Stackplan.Core.Pricing;

/// <summary>
/// One band of a tiered rate, in the price's unit: quantities from <see cref="From"/> up to
/// <see cref="To"/> (null: no upper end) cost <see cref="UnitPrice"/> each. A free-tier band is
/// account-wide, so it is applied only when the spec says <c>freeTiers: true</c>.
/// </summary>
public sealed record PriceTier(decimal From, decimal? To, decimal UnitPrice, bool IsFreeTier);

/// <summary>How much of a quantity fell in a tier, and what that part cost.</summary>
public sealed record TierUse(PriceTier Tier, decimal Quantity, decimal Cost);

/// <summary>
/// A price with its provenance: which book holds it, the source it was taken from and when, and
/// the vendor's rate code(s) where the source has them. Flat prices have one tier starting at zero.
/// </summary>
public sealed record PriceEntry(
    string Key,
    string Region,
    string Unit,
    ImmutableArray<PriceTier> Tiers,
    string Description,
    string Source,
    string AsOf,
    string Book,
    string RateCode = "")
{
    public bool IsTiered => Tiers.Count(t => !t.IsFreeTier) > 1 || Tiers.Any(t => t.IsFreeTier);

    /// <summary>The price of the first paid unit: what a flat price is, and where a tiered one starts.</summary>
    public decimal FirstPaidUnitPrice => Tiers.First(t => !t.IsFreeTier).UnitPrice;

    public static PriceEntry Flat(string key, string region, string unit, decimal unitPrice, string description, string source, string asOf, string book) =>
        new(key, region, unit, [new PriceTier(0m, null, unitPrice, false)], description, source, asOf, book);

    /// <summary>
    /// The cost of <paramref name="quantity"/> across the tiers. Without free tiers, a free band
    /// is dropped and the next paid band starts where it started, so every unit is paid for.
    /// </summary>
    public (decimal Cost, ImmutableArray<TierUse> Uses) Cost(decimal quantity, bool applyFreeTiers) => Cost(quantity, applyFreeTiers, 0m);

    /// <summary>
    /// The cost of <paramref name="quantity"/> units that come after <paramref name="usedBefore"/>
    /// units already billed on the same ladder: a tier ladder belongs to the account, so the second
    /// line reading a tiered key starts where the first one stopped.
    /// </summary>
    public (decimal Cost, ImmutableArray<TierUse> Uses) Cost(decimal quantity, bool applyFreeTiers, decimal usedBefore)
    {
        var tiers = applyFreeTiers ? Tiers : WithoutFreeTiers();
        var uses = ImmutableArray.CreateBuilder<TierUse>(tiers.Length);
        var total = 0m;
        var end = usedBefore + quantity;
        foreach (var tier in tiers)
        {
            if (end <= tier.From)
            {
                break;
            }

            var lower = Math.Max(tier.From, usedBefore);
            var upper = tier.To is { } to ? Math.Min(end, to) : end;
            if (upper <= lower)
            {
                continue;
            }

            var inTier = upper - lower;
            var cost = inTier * tier.UnitPrice;
            uses.Add(new TierUse(tier, inTier, cost));
            total += cost;
        }

        return (total, uses.ToImmutable());
    }

    /// <summary>
    /// <see cref="CostOf(decimal, bool)"/> for units that come after <paramref name="usedBefore"/>
    /// units on the same ladder; allocates nothing.
    /// </summary>
    public decimal CostOf(decimal quantity, bool applyFreeTiers, decimal usedBefore) =>
        usedBefore == 0m ? CostOf(quantity, applyFreeTiers) : CostOf(usedBefore + quantity, applyFreeTiers) - CostOf(usedBefore, applyFreeTiers);

    /// <summary>
    /// The same cost as <see cref="Cost"/> without recording the tiers used: it allocates nothing,
    /// for the analyses that evaluate a model millions of times.
    /// </summary>
    public decimal CostOf(decimal quantity, bool applyFreeTiers)
    {
        var dropFree = !applyFreeTiers && HasFreeTier;
        var freeStart = dropFree ? FreeStart : 0m;
        var total = 0m;
        var firstPaid = true;
        foreach (var tier in Tiers)
        {
            if (dropFree && tier.IsFreeTier)
            {
                continue;
            }

            // As in WithoutFreeTiers: the first paid band starts where the dropped free band did.
            var from = dropFree && firstPaid ? Math.Min(tier.From, freeStart) : tier.From;
            firstPaid = false;
            if (quantity <= from)
            {
                break;
            }

            var upper = tier.To is { } to ? Math.Min(quantity, to) : quantity;
            total += (upper - from) * tier.UnitPrice;
        }

        return total;
    }

    /// <summary>The bands a quantity is charged by, with free bands dropped unless they apply.</summary>
    public ImmutableArray<PriceTier> EffectiveTiers(bool applyFreeTiers) => applyFreeTiers ? Tiers : WithoutFreeTiers();

    private bool HasFreeTier
    {
        get
        {
            foreach (var tier in Tiers)
            {
                if (tier.IsFreeTier)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private decimal FreeStart
    {
        get
        {
            var start = decimal.MaxValue;
            foreach (var tier in Tiers)
            {
                if (tier.IsFreeTier && tier.From < start)
                {
                    start = tier.From;
                }
            }

            return start;
        }
    }

    private ImmutableArray<PriceTier> WithoutFreeTiers()
    {
        if (!Tiers.Any(t => t.IsFreeTier))
        {
            return Tiers;
        }

        var paid = Tiers.Where(t => !t.IsFreeTier).ToList();
        var freeStart = Tiers.Where(t => t.IsFreeTier).Min(t => t.From);
        if (paid.Count > 0 && paid[0].From > freeStart)
        {
            paid[0] = paid[0] with { From = freeStart };
        }

        return [.. paid];
    }
}

/// <summary>
/// A source of prices, looked up by provider, key (a provider profile's price-key template filled
/// in, or a catalog rule's key) and region. A book holds one provider's prices, or prices that
/// hold on any provider (<see cref="AnyProvider"/>: the spec's own).
/// </summary>
public interface IPriceBook
{
    /// <summary>The provider id of a book whose prices hold whatever the provider (the spec's own prices, on-prem servers).</summary>
    const string AnyProvider = "any";

    string Name { get; }

    string AsOf { get; }

    /// <summary>The provider whose prices the book holds (a provider profile's id), or <see cref="AnyProvider"/>.</summary>
    string Provider { get; }

    /// <summary>The book's price for key in region (or its region-less "any" price), whatever the provider.</summary>
    PriceEntry? Find(string key, string region);

    /// <summary>
    /// The price for a deployment on <paramref name="provider"/>: null when the book holds another
    /// provider's prices, so a missing price is never filled with another cloud's.
    /// </summary>
    PriceEntry? Find(string provider, string key, string region) =>
        Provider == provider || Provider == AnyProvider ? Find(key, region) : null;

    IEnumerable<PriceEntry> Entries { get; }

    /// <summary>The regions holding a price for <paramref name="key"/>: what a missing-price message names.</summary>
    IEnumerable<string> RegionsWith(string key) => Entries.Where(e => e.Key == key).Select(e => e.Region);

    /// <summary>The regions holding <paramref name="key"/> among <paramref name="provider"/>'s prices: what that provider's missing-price message names.</summary>
    IEnumerable<string> RegionsWith(string provider, string key) => Provider == provider || Provider == AnyProvider ? RegionsWith(key) : [];

    /// <summary>
    /// The keys the book prices for <paramref name="provider"/> in some region: the known values a
    /// "did you mean" over a misspelt setting reads. Empty unless the book has them at hand (the
    /// embedded books); a book that would have to read itself whole to answer leaves it empty.
    /// </summary>
    IEnumerable<string> KeysOf(string provider) => [];
}

/// <summary>An in-memory book of one provider's prices, immutable once built.</summary>
public sealed class PriceBook : IPriceBook
{
    // Keyed by one string rather than a (key, region) tuple: a string-keyed dictionary uses the
    // runtime's precompiled code, a tuple-keyed one is compiled anew at every start-up.
    private readonly Dictionary<string, PriceEntry> _entries;

    public PriceBook(string name, string asOf, IEnumerable<PriceEntry> entries, string provider)
    {
        Name = name;
        AsOf = asOf;
        Provider = provider;
        _entries = new Dictionary<string, PriceEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            _entries[KeyOf(entry.Key, entry.Region)] = entry;
        }
    }

    public string Name { get; }

    public string AsOf { get; }

    public string Provider { get; }

    public IEnumerable<PriceEntry> Entries =>
        _entries.Values.OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.Region, StringComparer.Ordinal);

    public PriceEntry? Find(string key, string region) =>
        _entries.GetValueOrDefault(KeyOf(key, region)) ?? _entries.GetValueOrDefault(KeyOf(key, "any"));

    internal static string KeyOf(string key, string region) => key + "@" + region;

    public IEnumerable<string> KeysOf(string provider) =>
        Provider == provider || Provider == IPriceBook.AnyProvider ? _entries.Values.Select(e => e.Key).Distinct(StringComparer.Ordinal) : [];
}

/// <summary>
/// Books stacked in order of precedence: the spec's own prices, then imported price-list books,
/// then the embedded curated books. The first book serving the provider and holding the key wins.
/// </summary>
public sealed class LayeredPriceBook(IReadOnlyList<IPriceBook> layers) : IPriceBook
{
    public IReadOnlyList<IPriceBook> Layers { get; } = layers;

    /// <summary>The layers' names, each once (every provider's world book is "stackplan-world").</summary>
    public string Name => string.Join(" + ", Layers.Select(l => l.Name).Distinct(StringComparer.Ordinal));

    public string AsOf => Layers.Count == 0 ? "" : Layers[^1].AsOf;

    public IEnumerable<PriceEntry> Entries => Layers.SelectMany(l => l.Entries);

    public IEnumerable<string> RegionsWith(string key) =>
        Layers.SelectMany(l => l.RegionsWith(key)).Distinct().Order(StringComparer.Ordinal);

    public IEnumerable<string> RegionsWith(string provider, string key) =>
        Layers.SelectMany(l => l.RegionsWith(provider, key)).Distinct().Order(StringComparer.Ordinal);

    public IEnumerable<string> KeysOf(string provider) => Layers.SelectMany(l => l.KeysOf(provider)).Distinct(StringComparer.Ordinal);

    /// <summary>The layers' one provider, else <see cref="IPriceBook.AnyProvider"/>: the layers serve several.</summary>
    public string Provider => Layers.Select(l => l.Provider).Distinct(StringComparer.Ordinal).Count() == 1 ? Layers[0].Provider : IPriceBook.AnyProvider;

    public PriceEntry? Find(string key, string region)
    {
        foreach (var layer in Layers)
        {
            if (layer.Find(key, region) is { } entry)
            {
                return entry;
            }
        }

        return null;
    }

    public PriceEntry? Find(string provider, string key, string region)
    {
        foreach (var layer in Layers)
        {
            if (layer.Find(provider, key, region) is { } entry)
            {
                return entry;
            }
        }

        return null;
    }
}
