using System.Collections.Immutable;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Stackplan.PriceBook;

/// <summary>One price as stored: the product it belongs to and the exact amount the offer file gave.</summary>
public sealed record StoredPrice(
    string OfferCode, string Sku, string Region, string Family, string UsageType, string TermType, string LeaseContractLength,
    string PurchaseOption, string OfferingClass, string RateCode, string Unit, string BeginRange, string? EndRange,
    string Amount, string Currency, string EffectiveDate, string Description, string DiscountedSku, string Version);

/// <summary>What `pricebook query` selects: every filter is optional; attributes match exactly.</summary>
public sealed record PriceQuery(
    ImmutableArray<string> Services,
    ImmutableArray<string> Regions,
    string? Family,
    string? Sku,
    string? TermType,
    ImmutableArray<KeyValuePair<string, string>> Attributes,
    int Limit);

/// <summary>One offer file in a book, for `pricebook info`.</summary>
public sealed record OfferFileInfo(string OfferCode, string Version, string PublicationDate, string Region, string Format, string Source, string Sha256, long Products, long Prices);

/// <summary>A price present in only one of two books, or in both with different amounts.</summary>
public sealed record PriceChange(string Change, string OfferCode, string Sku, string RateCode, string Currency, string Region, string Unit, string? Before, string? After, string Description);

/// <summary>Reads a book: query, info and diff. Read-only connections: safe while an import runs.</summary>
public static class PriceBookQueries
{
    public static IReadOnlyList<StoredPrice> Query(string path, PriceQuery query)
    {
        using var connection = PriceBookDatabase.Open(path, forWriting: false);
        using var command = connection.CreateCommand();
        var where = new StringBuilder("1=1");
        In(command, where, "p.offer_code", "s", query.Services);
        In(command, where, "p.region", "r", query.Regions);
        if (query.Family is { } family)
        {
            where.Append(" AND p.family = $family");
            command.Parameters.AddWithValue("$family", family);
        }

        if (query.Sku is { } sku)
        {
            where.Append(" AND (p.sku = $sku OR r.discounted_sku = $sku)");
            command.Parameters.AddWithValue("$sku", sku);
        }

        if (query.TermType is { } term)
        {
            where.Append(" AND r.term_type = $term");
            command.Parameters.AddWithValue("$term", term);
        }

        for (var i = 0; i < query.Attributes.Length; i++)
        {
            where.Append($" AND json_extract(p.attributes, $ak{i}) = $av{i}");
            command.Parameters.AddWithValue($"$ak{i}", "$.\"" + query.Attributes[i].Key.Replace("\"", "", StringComparison.Ordinal) + "\"");
            command.Parameters.AddWithValue($"$av{i}", query.Attributes[i].Value);
        }

        command.CommandText = $"""
            SELECT p.offer_code, p.sku, p.region, p.family, p.usagetype, r.term_type, r.lease_contract_length, r.purchase_option, r.offering_class,
                   r.rate_code, r.unit, r.begin_range, r.end_range, r.amount, r.currency, r.effective_date, r.description, r.discounted_sku, f.version
            FROM products p JOIN prices r ON r.offer_code = p.offer_code AND r.sku = p.sku JOIN offer_files f ON f.id = r.file_id
            WHERE {where}
            ORDER BY p.offer_code, p.region, p.sku, r.term_type, r.offer_term_code, CAST(r.begin_range AS REAL), r.rate_code, r.currency
            LIMIT {Math.Max(1, query.Limit)}
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<StoredPrice>();
        while (reader.Read())
        {
            rows.Add(new StoredPrice(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10), reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12), reader.GetString(13), reader.GetString(14), reader.GetString(15), reader.GetString(16),
                reader.GetString(17), reader.GetString(18)));
        }

        return rows;
    }

    public static IReadOnlyList<OfferFileInfo> Info(string path)
    {
        using var connection = PriceBookDatabase.Open(path, forWriting: false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT offer_code, version, publication_date, region, format, source, sha256, products, prices FROM offer_files ORDER BY offer_code, region, version";
        using var reader = command.ExecuteReader();
        var rows = new List<OfferFileInfo>();
        while (reader.Read())
        {
            rows.Add(new OfferFileInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetInt64(7), reader.GetInt64(8)));
        }

        return rows;
    }

    /// <summary>Prices added, removed and changed from book <paramref name="before"/> to book <paramref name="after"/>, matched by offer, SKU, rate and currency.</summary>
    public static IReadOnlyList<PriceChange> Diff(string before, string after)
    {
        using var connection = PriceBookDatabase.Open(before, forWriting: false);
        PriceBookDatabase.Open(after, forWriting: false).Dispose();
        using (var attach = connection.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $path AS other";
            attach.Parameters.AddWithValue("$path", Path.GetFullPath(after));
            attach.ExecuteNonQuery();
        }

        const string Columns = "r.offer_code, r.sku, r.rate_code, r.currency, p.region, r.unit";
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT 'changed', {Columns}, r.amount, o.amount, o.description FROM main.prices r JOIN main.products p ON p.offer_code = r.offer_code AND p.sku = r.sku
              JOIN other.prices o ON o.offer_code = r.offer_code AND o.sku = r.sku AND o.rate_code = r.rate_code AND o.currency = r.currency
              WHERE CAST(o.amount AS NUMERIC) <> CAST(r.amount AS NUMERIC)
            UNION ALL
            SELECT 'removed', {Columns}, r.amount, NULL, r.description FROM main.prices r JOIN main.products p ON p.offer_code = r.offer_code AND p.sku = r.sku
              WHERE NOT EXISTS (SELECT 1 FROM other.prices o WHERE o.offer_code = r.offer_code AND o.sku = r.sku AND o.rate_code = r.rate_code AND o.currency = r.currency)
            UNION ALL
            SELECT 'added', {Columns}, NULL, r.amount, r.description FROM other.prices r JOIN other.products p ON p.offer_code = r.offer_code AND p.sku = r.sku
              WHERE NOT EXISTS (SELECT 1 FROM main.prices o WHERE o.offer_code = r.offer_code AND o.sku = r.sku AND o.rate_code = r.rate_code AND o.currency = r.currency)
            ORDER BY 2, 6, 3, 4, 5, 1
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<PriceChange>();
        while (reader.Read())
        {
            rows.Add(new PriceChange(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetString(9)));
        }

        return rows;
    }

    private static void In(SqliteCommand command, StringBuilder where, string column, string prefix, ImmutableArray<string> values)
    {
        if (values.IsDefaultOrEmpty)
        {
            return;
        }

        var names = values.Select((v, i) => $"${prefix}{i}").ToList();
        where.Append($" AND {column} IN ({string.Join(", ", names)})");
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue(names[i], values[i]);
        }
    }
}
