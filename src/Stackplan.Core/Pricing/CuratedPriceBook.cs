using System.Collections.Immutable;
using System.Globalization;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Pricing;

/// <summary>
/// Reads the curated price CSV shipped in data/prices. Columns:
/// key,region,unit,tier_start,tier_end,usd,free_tier,description,source,as_of.
/// Rows sharing a key and region are the tiers of one price. Every row must name its source and date.
/// </summary>
public static class CuratedPriceBook
{
    private static readonly string[] Header = ["key", "region", "unit", "tier_start", "tier_end", "usd", "free_tier", "description", "source", "as_of"];

    /// <summary>Reads one provider's curated prices; throws <see cref="InputException"/> listing every bad row.</summary>
    public static PriceBook Read(string name, string csv, string fileName, string provider)
    {
        var bag = new DiagnosticBag();
        var rows = new List<CsvRecord>();
        using (var reader = new StringReader(csv))
        {
            foreach (var (line, fields) in Csv.Read(reader))
            {
                if (line == 1)
                {
                    if (!fields.SequenceEqual(Header))
                    {
                        bag.Add(DiagnosticCodes.InvalidTable, new SourceLocation(fileName, 1, 1), "a price file starts with the header " + string.Join(",", Header));
                        bag.ThrowIfAny();
                    }

                    continue;
                }

                if (fields.Length == 1 && fields[0].Length == 0)
                {
                    continue;
                }

                if (fields.Length != Header.Length)
                {
                    bag.Add(DiagnosticCodes.InvalidTable, new SourceLocation(fileName, line, 1), $"expected {Header.Length} fields, found {fields.Length}");
                    continue;
                }

                rows.Add(new CsvRecord(line, fields));
            }
        }

        var entries = new List<PriceEntry>();
        foreach (var group in rows.GroupBy(r => PriceBook.KeyOf(r.Fields[0], r.Fields[1]), StringComparer.Ordinal))
        {
            var first = group.First();
            var tiers = ImmutableArray.CreateBuilder<PriceTier>();
            foreach (var (line, f) in group)
            {
                var at = new SourceLocation(fileName, line, 1);
                if (string.IsNullOrWhiteSpace(f[8]) || string.IsNullOrWhiteSpace(f[9]))
                {
                    bag.Add(DiagnosticCodes.MissingKey, at, $"price '{f[0]}' has no source or as-of date; every shipped price names both");
                }

                if (f[2] != first.Fields[2])
                {
                    bag.Add(DiagnosticCodes.InvalidTable, at, $"tiers of '{f[0]}' disagree on the unit ('{f[2]}' vs '{first.Fields[2]}')");
                }

                var from = Number(f[3], at, "tier_start", bag) ?? 0m;
                decimal? to = f[4] is "" or "Inf" ? null : Number(f[4], at, "tier_end", bag);
                var usd = Number(f[5], at, "usd", bag) ?? 0m;
                tiers.Add(new PriceTier(from, to, usd, f[6] == "true"));
            }

            var ordered = tiers.OrderBy(t => t.From).ToImmutableArray();
            entries.Add(new PriceEntry(first.Fields[0], first.Fields[1], first.Fields[2], ordered, first.Fields[7], first.Fields[8], group.Max(r => r.Fields[9])!, name));
        }

        bag.ThrowIfAny();
        var asOf = entries.Count == 0 ? "" : entries.Max(e => e.AsOf)!;
        return new PriceBook(name, asOf, entries, provider);
    }

    private static decimal? Number(string text, SourceLocation at, string column, DiagnosticBag bag)
    {
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        bag.Add(DiagnosticCodes.InvalidTable, at, $"{column} must be a non-negative number, not '{text}'");
        return null;
    }
}
