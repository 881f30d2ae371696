using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using CuratedShape = Stackplan.Core.Pricing.PriceBook;
using Stackplan.Core.Model;
using Stackplan.Core.Pricing;
using Stackplan.Core.Providers.Aws;

namespace Stackplan.PriceBook;

/// <summary>
/// An imported AWS Price List book seen as Stackplan prices: every key the key map can find, per
/// region, with the offer, version, publication date and SKU that priced it. Only on-demand USD
/// prices are used (Stackplan's money is USD; CNY prices stay queryable).
/// </summary>
/// <remarks>
/// Opening reads nothing but the schema version: a price is looked up the first time it is asked
/// for, through the rules whose key template fits it, narrowed in SQL to the region and to the
/// {placeholder} values the key names (so an estimate reads a few dozen products of a book that
/// may hold a hundred thousand). Each answer is kept. <see cref="Entries"/> and <see cref="AsOf"/>
/// still resolve every rule over the whole book, for the commands that list it. The read-only
/// connection opened with the book is kept: an import never writes the file a reader has
/// open (it renames a new copy into place, see <see cref="PriceListImporter"/>).
/// </remarks>
public sealed partial class SqlitePriceBook : IPriceBook, IDisposable
{
    private const string BookName = "aws-price-list";

    private readonly SqliteConnection _connection;
    private readonly ImmutableArray<(KeyRule Rule, Regex Key)> _rules;
    private readonly Dictionary<string, PriceEntry?> _found = new(StringComparer.Ordinal);
    private readonly Lazy<CuratedShape> _all;
    private readonly Lock _lock = new();

    private SqlitePriceBook(SqliteConnection connection, PriceListKeyMap keys)
    {
        _connection = connection;
        _rules = [.. keys.Rules.Select(r => (r, KeyPattern(r)))];
        _all = new(ReadAll);
    }

    public string Name => BookName;

    public string AsOf => _all.Value.AsOf;

    /// <summary>The AWS Price List is AWS's; the profile id its prices serve.</summary>
    public string Provider => AwsProfile.Instance.Id;

    public IEnumerable<PriceEntry> Entries => _all.Value.Entries;

    public PriceEntry? Find(string key, string region)
    {
        lock (_lock)
        {
            return Lookup(key, region) ?? Lookup(key, AnyRegion);
        }
    }

    /// <summary>The regions holding <paramref name="key"/>, from the rules that fit it, without reading the rest of the book.</summary>
    public IEnumerable<string> RegionsWith(string key)
    {
        lock (_lock)
        {
            return [.. _rules.Select(r => (r.Rule, Match: r.Key.Match(key))).Where(r => r.Match.Success)
                .SelectMany(r => Candidates(_connection, r.Rule, r.Match, region: null)).Where(e => e.Key == key).Select(e => e.Region)
                .Distinct(StringComparer.Ordinal)];
        }
    }

    /// <summary>Checks that <paramref name="path"/> is a price book this Stackplan reads (a coded error if not); nothing else is read yet.</summary>
    public static SqlitePriceBook Open(string path, PriceListKeyMap? keys = null) =>
        new(PriceBookDatabase.Open(path, forWriting: false), keys ?? PriceListKeyMap.Embedded);

    public void Dispose() => _connection.Dispose();

    /// <summary>Where a global rule's prices are filed: found from every region.</summary>
    private const string AnyRegion = "any";

    private PriceEntry? Lookup(string key, string region)
    {
        var id = key + "@" + region;
        if (_found.TryGetValue(id, out var known))
        {
            return known;
        }

        PriceEntry? found = null;
        foreach (var (rule, pattern) in _rules)
        {
            // A global rule files its prices under "any", a regional one under the product's region.
            if (rule.Global != (region == AnyRegion) || pattern.Match(key) is not { Success: true } match)
            {
                continue;
            }

            // As when the whole book is read: the first rule that prices the key wins, and within it the lowest SKU.
            found = Candidates(_connection, rule, match, rule.Global ? "" : region).FirstOrDefault(e => e.Key == key && e.Region == region);
            if (found is not null)
            {
                break;
            }
        }

        _found[id] = found;
        return found;
    }

    /// <summary>
    /// Every book an imported file holds: its AWS Price List prices, and one book per provider whose
    /// Azure Retail Prices or Cloud Billing Catalog pages were imported (`pricebook import`), each
    /// serving only its provider's deployments.
    /// </summary>
    public static IReadOnlyList<IPriceBook> OpenAll(string path)
    {
        var books = new List<IPriceBook> { Open(path) };
        using var connection = PriceBookDatabase.Open(path, forWriting: false);
        if (PriceBookDatabase.Scalar(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'cloud_prices'") is null)
        {
            return books;
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.provider, c.key, c.region, c.unit, c.tiers, c.description, c.source, c.as_of, f.offer_code, f.version
            FROM cloud_prices c JOIN offer_files f ON f.id = c.file_id ORDER BY c.provider, c.key, c.region
            """;
        var entries = new List<(string Provider, PriceEntry Entry)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                entries.Add((reader.GetString(0), new PriceEntry(reader.GetString(1), reader.GetString(2), reader.GetString(3), CloudPageFormats.ReadTiers(reader.GetString(4)),
                    reader.GetString(5), reader.GetString(6), reader.GetString(7), $"{reader.GetString(8)} {reader.GetString(9)}")));
            }
        }

        foreach (var provider in entries.GroupBy(e => e.Provider))
        {
            var name = provider.First().Entry.Book;
            books.Add(new CuratedShape(name, provider.Max(e => e.Entry.AsOf)!, provider.Select(e => e.Entry), provider.Key));
        }

        return books;
    }

    /// <summary>The entries a rule gives for the products its key's {placeholder} values name, in one region (or all, for null).</summary>
    /// <remarks>Streamed: a lookup stops at the first entry of its key, so only that SKU's attributes are read.</remarks>
    private static IEnumerable<PriceEntry> Candidates(SqliteConnection connection, KeyRule rule, Match match, string? region)
    {
        var scope = new Scope(region, [.. Placeholders(rule).Select(name => KeyValuePair.Create(name, match.Groups[name].Value))]);
        return match.Groups[CommitmentGroup].Success ? CommitmentEntriesFor(connection, rule, scope) : EntriesFor(connection, rule, scope);
    }

    private CuratedShape ReadAll()
    {
        lock (_lock)
        {
            var connection = _connection;
            var entries = new Dictionary<(string Key, string Region), PriceEntry>();
            foreach (var (rule, _) in _rules)
            {
                foreach (var entry in EntriesFor(connection, rule, Scope.Everything).Concat(rule.Commitments ? CommitmentEntriesFor(connection, rule, Scope.Everything) : []))
                {
                    // Several SKUs can fit one rule; the lowest SKU wins so the choice is stable.
                    entries.TryAdd((entry.Key, entry.Region), entry);
                }
            }

            var asOf = entries.Count == 0 ? "" : entries.Values.Max(e => e.AsOf)!;
            return new CuratedShape(BookName, asOf, entries.Values, AwsProfile.Instance.Id);
        }
    }

    private const string CommitmentGroup = "commitment";

    /// <summary>
    /// A rule's key template as a pattern: each {placeholder} one path segment, and for a rule with
    /// commitments an optional last segment naming one (<c>ec2/instance/m5.large/reserved-1y-standard-no-upfront</c>).
    /// </summary>
    private static Regex KeyPattern(KeyRule rule)
    {
        var pattern = new System.Text.StringBuilder("^");
        var at = 0;
        foreach (Match m in PlaceholderPattern().Matches(rule.KeyTemplate))
        {
            pattern.Append(Regex.Escape(rule.KeyTemplate[at..m.Index])).Append(CultureInfo.InvariantCulture, $"(?<{m.Groups[1].Value}>[^/]+)");
            at = m.Index + m.Length;
        }

        pattern.Append(Regex.Escape(rule.KeyTemplate[at..]));
        pattern.Append(rule.Commitments ? $"(?:/(?<{CommitmentGroup}>[^/]+))?$" : "$");
        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>
    /// The placeholders SQL can narrow a lookup by: those filled from a product attribute as written
    /// (not lower-cased, and not taken from a named group of the usage-type regex, which is matched
    /// after the query). The others are checked on the key each product gives.
    /// </summary>
    private static IEnumerable<string> Placeholders(KeyRule rule) =>
        PlaceholderPattern().Matches(rule.KeyTemplate).Where(m => !m.Groups[2].Success).Select(m => m.Groups[1].Value)
            .Where(name => rule.UsageType?.GetGroupNames().Contains(name) != true).Distinct(StringComparer.Ordinal);

    // As KeyRule writes them: {name}, or {name|lower} for a lower-cased value.
    [GeneratedRegex(@"\{([A-Za-z]+)(\|lower)?\}")]
    private static partial Regex PlaceholderPattern();

    /// <summary>Which products a query reads: one region ("" for region-less products) or all (null), and attribute values a key's placeholders name.</summary>
    private sealed record Scope(string? Region, ImmutableArray<KeyValuePair<string, string>> Placeholders)
    {
        public static readonly Scope Everything = new(null, []);
    }

    /// <summary>
    /// The WHERE conditions of a rule's products, with their parameters added to the command. Only
    /// the conditions a rule has, so SQLite uses the (offer_code, family, region) index, or the
    /// instance-type index when a key names an instance type. Placeholder attributes are matched
    /// with the literal path (names are letters only), as the index's expression is written.
    /// </summary>
    private static string ProductConditions(SqliteCommand command, KeyRule rule, Scope scope)
    {
        var where = new System.Text.StringBuilder("p.offer_code = $offer");
        command.Parameters.AddWithValue("$offer", rule.OfferCode);
        if (rule.Family is { } family)
        {
            where.Append(" AND p.family = $family");
            command.Parameters.AddWithValue("$family", family);
        }

        if (scope.Region is { } region)
        {
            where.Append(" AND p.region = $region");
            command.Parameters.AddWithValue("$region", region);
        }

        for (var i = 0; i < rule.Attributes.Length; i++)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND json_extract(p.attributes, $path{i}) = $value{i}");
            command.Parameters.AddWithValue($"$path{i}", "$." + rule.Attributes[i].Key);
            command.Parameters.AddWithValue($"$value{i}", rule.Attributes[i].Value);
        }

        for (var i = 0; i < scope.Placeholders.Length; i++)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND json_extract(p.attributes, '$.{scope.Placeholders[i].Key}') = $placeholder{i}");
            command.Parameters.AddWithValue($"$placeholder{i}", scope.Placeholders[i].Value);
        }

        return where.ToString();
    }

    private static IEnumerable<PriceEntry> EntriesFor(SqliteConnection connection, KeyRule rule, Scope scope)
    {
        using var command = connection.CreateCommand();
        // CROSS JOIN makes SQLite start from the products (left to itself it scans every price of the
        // offer). The unary + in ORDER BY keeps it from walking the (offer_code, sku) index for the
        // order, which scans a whole offer, rather than the family/instance-type index the WHERE
        // narrows. Rows carry the product's rowid, not its attributes, so the sort stays small;
        // attributes are read when needed.
        var where = ProductConditions(command, rule, scope) + " AND r.term_type = 'OnDemand' AND r.currency = 'USD'";
        command.CommandText = $"""
            SELECT p.sku, p.region, p.usagetype, p.rowid, f.offer_code, f.version, f.publication_date,
                   r.rate_code, r.description, r.unit, r.begin_range, r.end_range, r.amount
            FROM products p
            CROSS JOIN prices r ON r.offer_code = p.offer_code AND r.sku = p.sku
            JOIN offer_files f ON f.id = p.file_id
            WHERE {where}
            ORDER BY +p.region, +p.sku, CAST(r.begin_range AS REAL), r.rate_code
            """;
        using var reader = command.ExecuteReader();
        var pending = new List<(string Description, string RateCode, PriceTier Tier)>();
        string? currentSku = null, key = null, region = null, source = null, asOf = null, book = null;
        while (reader.Read())
        {
            var sku = reader.GetString(0);
            if (sku != currentSku)
            {
                if (Finish() is { } done)
                {
                    yield return done;
                }

                currentSku = sku;
                key = null;
                var productRegion = reader.GetString(1);
                var usageType = PriceListKeyMap.WithoutRegionPrefix(reader.GetString(2));
                if ((productRegion.Length == 0) != rule.Global)
                {
                    continue;
                }

                // Attribute filters ran in SQL; the attributes are parsed only to fill {placeholders}.
                var rowid = reader.GetInt64(3);
                key = rule.KeyFor(usageType, () => AttributesOf(connection, rowid));
                if (key is null)
                {
                    continue;
                }

                region = rule.Global ? "any" : productRegion;
                var (offer, version, published) = (reader.GetString(4), reader.GetString(5), reader.GetString(6));
                source = $"AWS Price List {offer} version {version} published {published}, SKU {sku}";
                asOf = published.Length >= 10 ? published[..10] : published;
                book = $"aws-price-list {offer} {version}";
            }

            if (key is null || !string.Equals(reader.GetString(9), rule.AwsUnit, StringComparison.OrdinalIgnoreCase))
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
            if (key is null || pending.Count == 0)
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
            return new PriceEntry(key, region!, rule.Unit, tiers, "AWS: " + described, $"{source}, rate {rates}", asOf!, book!);
        }
    }

    /// <summary>
    /// Reserved and Savings Plans prices of the products a rule prices, as an effective hourly rate:
    /// the term's hourly charge plus its upfront fee spread over the term's hours (8,760 a year,
    /// the same 730 a month estimates use). Keyed <c>{on-demand key}/{commitment}</c>.
    /// </summary>
    private static IEnumerable<PriceEntry> CommitmentEntriesFor(SqliteConnection connection, KeyRule rule, Scope scope)
    {
        using var command = connection.CreateCommand();
        var where = ProductConditions(command, rule, scope);

        // Reserved terms sit on the product's own SKU; a Savings Plans rate is a row of the plan's SKU
        // naming the product it discounts. The plan's product family tells Compute from EC2 Instance plans;
        // JSON plan files give the purchase option on the plan's product, CSV ones on each rate.
        command.CommandText = $"""
            SELECT p.sku, p.region, p.usagetype, p.rowid, f.version, f.publication_date, r.term_type, r.offer_term_code,
                   r.lease_contract_length, r.purchase_option, r.offering_class, r.unit, r.amount, r.rate_code, '' AS plan_family, r.offer_code
            FROM products p
            CROSS JOIN prices r ON r.offer_code = p.offer_code AND r.sku = p.sku
            JOIN offer_files f ON f.id = p.file_id
            WHERE {where} AND r.term_type = 'Reserved' AND r.currency = 'USD'
            UNION ALL
            SELECT p.sku, p.region, p.usagetype, p.rowid, f.version, f.publication_date, r.term_type, r.sku,
                   r.lease_contract_length, COALESCE(NULLIF(r.purchase_option, ''), json_extract(sp.attributes, '$.purchaseOption'), ''),
                   r.offering_class, r.unit, r.amount, r.rate_code, sp.family, r.offer_code
            FROM products p
            JOIN prices r ON r.discounted_sku = p.sku AND r.term_type = 'SavingsPlan' AND r.currency = 'USD'
            JOIN products sp ON sp.offer_code = r.offer_code AND sp.sku = r.sku
            JOIN offer_files f ON f.id = sp.file_id
            WHERE {where}
            ORDER BY 1, 7, 8, 14
            """;
        var terms = new List<CommitmentRate>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var region = reader.GetString(1);
                var usageType = PriceListKeyMap.WithoutRegionPrefix(reader.GetString(2));
                if (region.Length == 0)
                {
                    continue;
                }

                var years = reader.GetString(8) switch { "1yr" or "1 yr" => 1, "3yr" or "3 yr" => 3, _ => 0 };
                var commitment = Commitment.Name(reader.GetString(6), years, reader.GetString(9), reader.GetString(10), reader.GetString(14));
                var rowid = reader.GetInt64(3);
                var key = rule.KeyFor(usageType, () => AttributesOf(connection, rowid));
                if (commitment is null || key is null)
                {
                    continue;
                }

                var amount = Parse(reader.GetString(12));
                var unit = reader.GetString(11);
                var isUpfront = unit.Equals("Quantity", StringComparison.OrdinalIgnoreCase);
                if (!isUpfront && !unit.Equals(rule.AwsUnit, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var (offer, version, published) = (reader.GetString(15), reader.GetString(4), reader.GetString(5));
                terms.Add(new CommitmentRate(key + "/" + commitment, region, commitment, isUpfront ? 0m : amount * rule.Factor, isUpfront ? amount : 0m, years,
                    $"AWS Price List {offer} version {version} published {published}, SKU {reader.GetString(0)}, {reader.GetString(6)} {reader.GetString(7)}, rate {reader.GetString(13)}",
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

    private static Dictionary<string, string> AttributesOf(SqliteConnection connection, long rowid)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT attributes FROM products WHERE rowid = $id";
        command.Parameters.AddWithValue("$id", rowid);
        var json = (string)command.ExecuteScalar()!;
        return JsonSerializer.Deserialize(json, PriceBookJsonContext.Default.DictionaryStringString)!.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!);
    }

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
