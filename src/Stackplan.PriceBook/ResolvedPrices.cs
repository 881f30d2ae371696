using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Stackplan.Core.Model;
using Stackplan.Core.Pricing;

namespace Stackplan.PriceBook;

/// <summary>
/// Every Stackplan price an imported book gives, per key and region, worked out once at the end of
/// an import (table resolved_prices) from the keys the products were given as they came in
/// (product_keys): an estimate then reads a region's prices with one query and runs no key-map
/// rule and no JSON. Only on-demand USD prices, and Reserved and Savings Plans rates for rules with
/// commitments; where several products give one key in one region, the first rule wins and within
/// it the lowest SKU, so the choice is stable.
/// </summary>
internal static class ResolvedPrices
{
    /// <summary>Replaces the book's resolved prices with those its products give now (inside the import's transaction).</summary>
    public static void Rebuild(SqliteConnection connection, SqliteTransaction transaction, PriceListKeyMap map)
    {
        PriceBookDatabase.Execute(connection, "DELETE FROM resolved_prices;", transaction);
        var entries = new Dictionary<(string Key, string Region), PriceEntry>();
        foreach (var entry in OnDemand(connection, transaction, map))
        {
            entries.TryAdd((entry.Key, entry.Region), entry);
        }

        for (var rule = 0; rule < map.Rules.Length; rule++)
        {
            if (map.Rules[rule].Commitments)
            {
                foreach (var entry in Commitments(connection, transaction, map.Rules[rule], rule))
                {
                    entries.TryAdd((entry.Key, entry.Region), entry);
                }
            }
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO resolved_prices(region, key, unit, tiers, description, source, as_of, book) VALUES ($r, $k, $u, $t, $d, $s, $a, $b)";
        var parameters = new[] { "$r", "$k", "$u", "$t", "$d", "$s", "$a", "$b" }.Select(n => insert.Parameters.Add(new SqliteParameter(n, ""))).ToArray();
        foreach (var e in entries.Values)
        {
            string[] values = [e.Region, e.Key, e.Unit, CloudPageFormats.WriteTiers(e.Tiers), e.Description, e.Source, e.AsOf, e.Book];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i];
            }

            insert.ExecuteNonQuery();
        }
    }

    /// <summary>A stored resolved price (its <see cref="Columns"/>) as an entry.</summary>
    public static PriceEntry Read(string?[] row) =>
        new(row[1]!, row[0]!, row[2]!, CloudPageFormats.ReadTiers(row[3]!), row[4]!, row[5]!, row[6]!, row[7]!);

    /// <summary>The columns <see cref="Read"/> takes, in its order.</summary>
    public const string Columns = "region, key, unit, tiers, description, source, as_of, book";

    /// <summary>
    /// On-demand entries, one per (rule, SKU) whose USD rates are in the rule's unit, in the order
    /// the first-rule-then-lowest-SKU choice needs: by key and region, then rule, then SKU, a SKU's
    /// rates by range.
    /// </summary>
    private static IEnumerable<PriceEntry> OnDemand(SqliteConnection connection, SqliteTransaction transaction, PriceListKeyMap map)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT k.key, k.region, k.rule, k.sku, f.offer_code, f.version, f.publication_date,
                   r.rate_code, r.description, r.unit, r.begin_range, r.end_range, r.amount
            FROM product_keys k
            CROSS JOIN prices r ON r.offer_code = k.offer_code AND r.sku = k.sku AND r.term_type = 'OnDemand'
            JOIN offer_files f ON f.id = k.file_id
            WHERE r.currency = 'USD'
            ORDER BY k.key, k.region, k.rule, k.sku, CAST(r.begin_range AS REAL), r.rate_code
            """;
        using var reader = command.ExecuteReader();
        var pending = new List<(string Description, string RateCode, PriceTier Tier)>();
        (string Key, string Region, long Rule, string Sku)? current = null;
        KeyRule? rule = null;
        string source = "", asOf = "", book = "";
        while (reader.Read())
        {
            var at = (Key: reader.GetString(0), Region: reader.GetString(1), Rule: reader.GetInt64(2), Sku: reader.GetString(3));
            if (at != current)
            {
                if (Finish() is { } done)
                {
                    yield return done;
                }

                current = at;
                rule = map.Rules[(int)at.Rule];
                var (offer, version, published) = (reader.GetString(4), reader.GetString(5), reader.GetString(6));
                source = $"AWS Price List {offer} version {version} published {published}, SKU {at.Sku}";
                asOf = published.Length >= 10 ? published[..10] : published;
                book = $"aws-price-list {offer} {version}";
            }

            if (!string.Equals(reader.GetString(9), rule!.AwsUnit, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var from = Parse(reader.GetString(10)) / rule.Factor;
            decimal? to = reader.IsDBNull(11) ? null : Parse(reader.GetString(11)) / rule.Factor;
            pending.Add((reader.GetString(8), reader.GetString(7), new PriceTier(from, to, Parse(reader.GetString(12)) * rule.Factor, false)));
        }

        if (Finish() is { } last)
        {
            yield return last;
        }

        PriceEntry? Finish()
        {
            if (current is not { } c || pending.Count == 0)
            {
                pending.Clear();
                return null;
            }

            var hasPaid = pending.Any(p => p.Tier.UnitPrice > 0);

            // A zero-priced first band with an upper end, before paid bands, is AWS's way to write a free tier.
            var tiers = pending.Select(p => p.Tier with { IsFreeTier = hasPaid && p.Tier.UnitPrice == 0 && p.Tier.To is not null })
                .OrderBy(t => t.From).ToImmutableArray();
            var first = pending.FirstOrDefault(p => p.Tier.UnitPrice > 0);
            var described = first.Description ?? pending[0].Description;
            var rates = string.Join(" ", pending.Select(p => p.RateCode).Distinct());
            pending.Clear();
            return new PriceEntry(c.Key, c.Region, rule!.Unit, tiers, "AWS: " + described, $"{source}, rate {rates}", asOf, book);
        }
    }

    /// <summary>
    /// Reserved and Savings Plans prices of the products a rule prices, as an effective hourly rate:
    /// the term's hourly charge plus its upfront fee spread over the term's hours (8,760 a year,
    /// the same 730 a month estimates use). Keyed <c>{on-demand key}/{commitment}</c>.
    /// </summary>
    private static IEnumerable<PriceEntry> Commitments(SqliteConnection connection, SqliteTransaction transaction, KeyRule rule, int ruleIndex)
    {
        if (rule.Global)
        {
            // Commitments are bought in a region.
            yield break;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$rule", (long)ruleIndex);

        // Reserved terms sit on the product's own SKU; a Savings Plans rate is a row of the plan's SKU
        // naming the product it discounts. The plan's product family tells Compute from EC2 Instance plans;
        // JSON plan files give the purchase option on the plan's product, CSV ones on each rate.
        command.CommandText = """
            SELECT k.sku, k.region, k.key, f.version, f.publication_date, r.term_type, r.offer_term_code,
                   r.lease_contract_length, r.purchase_option, r.offering_class, r.unit, r.amount, r.rate_code, '' AS plan_family, r.offer_code
            FROM product_keys k
            CROSS JOIN prices r ON r.offer_code = k.offer_code AND r.sku = k.sku AND r.term_type = 'Reserved'
            JOIN offer_files f ON f.id = k.file_id
            WHERE k.rule = $rule AND r.currency = 'USD'
            UNION ALL
            SELECT k.sku, k.region, k.key, f.version, f.publication_date, r.term_type, r.sku,
                   r.lease_contract_length, COALESCE(NULLIF(r.purchase_option, ''), json_extract(sp.attributes, '$.purchaseOption'), ''),
                   r.offering_class, r.unit, r.amount, r.rate_code, sp.family, r.offer_code
            FROM product_keys k
            JOIN prices r ON r.discounted_sku = k.sku AND r.term_type = 'SavingsPlan' AND r.currency = 'USD'
            JOIN products sp ON sp.offer_code = r.offer_code AND sp.sku = r.sku
            JOIN offer_files f ON f.id = sp.file_id
            WHERE k.rule = $rule
            ORDER BY 1, 6, 7, 13
            """;
        var terms = new List<CommitmentRate>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var years = reader.GetString(7) switch { "1yr" or "1 yr" => 1, "3yr" or "3 yr" => 3, _ => 0 };
                var commitment = Commitment.Name(reader.GetString(5), years, reader.GetString(8), reader.GetString(9), reader.GetString(13));
                if (commitment is null)
                {
                    continue;
                }

                var amount = Parse(reader.GetString(11));
                var unit = reader.GetString(10);
                var isUpfront = unit.Equals("Quantity", StringComparison.OrdinalIgnoreCase);
                if (!isUpfront && !unit.Equals(rule.AwsUnit, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var (offer, version, published) = (reader.GetString(14), reader.GetString(3), reader.GetString(4));
                terms.Add(new CommitmentRate(reader.GetString(2) + "/" + commitment, reader.GetString(1), commitment, isUpfront ? 0m : amount * rule.Factor, isUpfront ? amount : 0m, years,
                    $"AWS Price List {offer} version {version} published {published}, SKU {reader.GetString(0)}, {reader.GetString(5)} {reader.GetString(6)}, rate {reader.GetString(12)}",
                    published.Length >= 10 ? published[..10] : published, $"aws-price-list {offer} {version}"));
            }
        }

        foreach (var term in terms.GroupBy(t => (t.Key, t.Region)))
        {
            var first = term.First();
            var hours = Money.HoursPerMonth * 12m * first.Years;
            var upfront = term.Sum(t => t.Upfront);
            var hourly = term.Sum(t => t.Hourly) + (upfront / hours);
            var description = upfront > 0
                ? $"AWS {first.Commitment}: {upfront.ToString("0.00", CultureInfo.InvariantCulture)} upfront spread over {hours.ToString("0", CultureInfo.InvariantCulture)} h, plus the hourly rate"
                : $"AWS {first.Commitment}: hourly rate, no upfront fee";
            yield return PriceEntry.Flat(first.Key, first.Region, rule.Unit, hourly, description, string.Join("; ", term.Select(t => t.Source).Distinct()), first.AsOf, first.Book);
        }
    }

    private sealed record CommitmentRate(string Key, string Region, string Commitment, decimal Hourly, decimal Upfront, int Years, string Source, string AsOf, string Book);

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
