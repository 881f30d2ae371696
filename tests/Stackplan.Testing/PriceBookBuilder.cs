using System.Collections.Immutable;
using Stackplan.Core.Pricing;

namespace Stackplan.Testing;

/// <summary>
/// A price book a test states itself: <c>new PriceBookBuilder().Price("node/m.test", "hour", 0.10m).Build()</c>.
/// Every price is sourced "test price" as of 2026-01-01, so a test's expected figures follow from
/// its own prices, not the shipped book's.
/// </summary>
public sealed class PriceBookBuilder(string provider = "aws", string region = "us-east-1")
{
    public const string Source = "test price";

    public const string AsOf = "2026-01-01";

    private readonly List<PriceEntry> _entries = [];

    /// <summary>A flat price in the builder's region (or <paramref name="inRegion"/>).</summary>
    public PriceBookBuilder Price(string key, string unit, decimal unitPrice, string? inRegion = null)
    {
        _entries.Add(PriceEntry.Flat(key, inRegion ?? region, unit, unitPrice, key, Source, AsOf, "test"));
        return this;
    }

    /// <summary>A tiered price: each band as (from, to or null for no end, unit price, free-tier band).</summary>
    public PriceBookBuilder Tiered(string key, string unit, params (decimal From, decimal? To, decimal UnitPrice, bool Free)[] bands)
    {
        var tiers = bands.Select(b => new PriceTier(b.From, b.To, b.UnitPrice, b.Free)).ToImmutableArray();
        _entries.Add(new PriceEntry(key, region, unit, tiers, key, Source, AsOf, "test"));
        return this;
    }

    public PriceBook Build() => new("test", AsOf, _entries, provider);
}
