using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Stackplan.Core.Model;

namespace Stackplan.PriceBook;

/// <summary>
/// Writes one offer file's rows into the book inside the import's transaction, through prepared
/// statements, without holding the file in memory. Products are upserted: a SKU already in the book
/// from an older file is replaced, the same SKU twice in this file is a duplicate. Prices are written
/// as they come, since terms may precede products; <see cref="Finish"/> then drops prices whose SKU has
/// no product here (products without terms are fine; prices without a product, or of a filtered-out
/// region, are not kept) and the older prices of the SKUs this file replaced.
/// </summary>
internal sealed partial class OfferFileWriter : IOfferSink
{
    private const string Upsert = """
        INSERT INTO products(offer_code, sku, file_id, family, region, usagetype, operation, attributes) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
        ON CONFLICT(offer_code, sku) DO UPDATE SET file_id = excluded.file_id, family = excluded.family, region = excluded.region,
            usagetype = excluded.usagetype, operation = excluded.operation, attributes = excluded.attributes
        WHERE products.file_id <> excluded.file_id
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly ImportFilter _filter;
    private readonly string _file;
    private readonly RawStatement _product;
    private readonly RawStatement _price;
    private readonly RawStatement _key;
    private readonly ProductKeys _keys;
    private readonly SortedSet<string> _regions = new(StringComparer.Ordinal);
    private OfferHeader? _header;
    private long _fileId;
    private long _products;

    public OfferFileWriter(SqliteConnection connection, SqliteTransaction transaction, ImportFilter filter, string file, ProductKeys keys)
    {
        _keys = keys;
        _connection = connection;
        _transaction = transaction;
        _filter = filter;
        _file = file;
        _product = new RawStatement(connection, Upsert);
        _price = new RawStatement(connection, "INSERT INTO prices VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)");
        _key = new RawStatement(connection, "INSERT INTO product_keys(offer_code, sku, file_id, rule, key, region) VALUES ($1,$2,$3,$4,$5,$6)");
    }

    public RowPosition? LastPosition { get; private set; }

    public void Header(OfferHeader header)
    {
        if (!OfferCodeShape().IsMatch(header.OfferCode))
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(_file), $"'{header.OfferCode}' is not an AWS offer code");
        }

        if (!_filter.WantsService(header.OfferCode))
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(_file), $"offer '{header.OfferCode}' is not one of the services to import ({string.Join(", ", _filter.Services.Order(StringComparer.Ordinal))})",
                $"add --services {header.OfferCode} to import it anyway");
        }

        if (header.Version.Length == 0)
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(_file), $"offer '{header.OfferCode}' names no version", "an offer file carries \"version\" beside \"offerCode\"");
        }

        _header = header;
        _fileId = long.Parse(PriceBookDatabase.Scalar(_connection, """
            INSERT INTO offer_files(offer_code, version, publication_date, region, format, source, sha256, products, prices)
            VALUES ($o, $v, $p, '', '', $s, '', 0, 0) RETURNING id
            """, _transaction, ("$o", header.OfferCode), ("$v", header.Version), ("$p", header.PublicationDate), ("$s", Path.GetFileName(_file)))!, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var statement in (ReadOnlySpan<RawStatement>)[_product, _price, _key])
        {
            // The same for every row of the file: bound once (a reset keeps bindings).
            statement.Bind(1, header.OfferCode);
            statement.Bind(3, _fileId);
        }
    }

    public void Product(ProductRow product, RowPosition at, bool mayRepeat = false)
    {
        if (Write(product, at) == 0 && !mayRepeat)
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, Where(at), $"SKU {product.Sku} is listed twice among the products", "an offer file lists each SKU once; the file is damaged or was concatenated");
        }
    }

    public void Price(PriceRow price, RowPosition at)
    {
        LastPosition = at;
        if (!_filter.WantsTermType(price.TermType) || !_filter.WantsPurchaseOption(price.PurchaseOption))
        {
            return;
        }

        Bind(_price, 2, price.Sku);
        Bind(_price, 4, price.TermType, price.OfferTermCode, price.RateCode, price.Description, price.Unit, price.BeginRange, price.EndRange,
            price.Amount, price.Currency, price.EffectiveDate, price.LeaseContractLength, price.PurchaseOption, price.OfferingClass, price.DiscountedSku);
        _price.Run();
    }

    /// <summary>Drops prices without a product here and the replaced SKUs' older prices, and records the file's provenance.</summary>
    public ImportedFile Finish(string sha256, string format)
    {
        var header = _header ?? throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(_file), "not an AWS Price List offer file: no offer code or version found");
        Run("""
            DELETE FROM prices WHERE file_id = $id AND NOT EXISTS
                (SELECT 1 FROM products p WHERE p.offer_code = prices.offer_code AND p.sku = prices.sku AND p.file_id = $id)
            """);
        if (PriceBookDatabase.Scalar(_connection, "SELECT 1 FROM offer_files WHERE offer_code = $o AND id <> $id LIMIT 1", _transaction, ("$o", header.OfferCode), ("$id", _fileId)) is not null)
        {
            Run("""
                DELETE FROM prices WHERE offer_code = $o AND file_id <> $id
                  AND sku IN (SELECT sku FROM products WHERE offer_code = $o AND file_id = $id)
                """, header.OfferCode);
            Run("""
                DELETE FROM product_keys WHERE offer_code = $o AND file_id <> $id
                  AND sku IN (SELECT sku FROM products WHERE offer_code = $o AND file_id = $id)
                """, header.OfferCode);
        }

        var prices = long.Parse(PriceBookDatabase.Scalar(_connection, "SELECT count(*) FROM prices WHERE file_id = $id", _transaction, ("$id", _fileId))!, System.Globalization.CultureInfo.InvariantCulture);
        var region = _regions.Count == 1 ? _regions.Min! : header.RegionCode;
        using (var update = Command("UPDATE offer_files SET region = $r, format = $f, sha256 = $h, products = $n, prices = $m WHERE id = $id"))
        {
            update.Parameters.AddWithValue("$r", region);
            update.Parameters.AddWithValue("$f", format);
            update.Parameters.AddWithValue("$h", sha256);
            update.Parameters.AddWithValue("$n", _products);
            update.Parameters.AddWithValue("$m", prices);
            update.Parameters.AddWithValue("$id", _fileId);
            update.ExecuteNonQuery();
        }

        _product.Dispose();
        _price.Dispose();
        _key.Dispose();
        return new ImportedFile(_file, header.OfferCode, header.Version, header.PublicationDate, region, _products, prices, Skipped: false);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{1,63}$")]
    private static partial Regex OfferCodeShape();

    private int Write(ProductRow product, RowPosition at)
    {
        LastPosition = at;
        if (!_filter.WantsRegion(product.Region))
        {
            return 1;
        }

        Bind(_product, 2, product.Sku);
        Bind(_product, 4, product.Family, product.Region, product.UsageType, product.Operation);
        _product.Bind(8, product.AttributesUtf8);
        var changed = _product.Run();
        if (changed > 0)
        {
            _products++;
            if (product.Region.Length > 0 && _regions.Count < 2)
            {
                _regions.Add(product.Region);
            }

            WriteKeys(product);
        }

        return changed;
    }

    /// <summary>The keys the key map gives this product, stored beside it so an estimate never runs the map over the book.</summary>
    private void WriteKeys(ProductRow product)
    {
        var offer = _header!.OfferCode;
        if (!_keys.Covers(offer))
        {
            return;
        }

        foreach (var key in _keys.For(offer, product, product.KeyAttributes ?? ProductKeys.Parse(product.AttributesUtf8)))
        {
            Bind(_key, 2, product.Sku);
            _key.Bind(4, key.Rule);
            Bind(_key, 5, key.Key, key.Region);
            _key.Run();
        }
    }

    private SourceLocation Where(RowPosition at) =>
        at.Line > 0 ? new SourceLocation(_file, at.Line, 1) : new SourceLocation($"{_file} (byte {at.ByteOffset})", 0, 0);

    private void Run(string sql, string? offerCode = null)
    {
        using var command = Command(sql);
        command.Parameters.AddWithValue("$id", _fileId);
        if (offerCode is not null)
        {
            command.Parameters.AddWithValue("$o", offerCode);
        }

        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Binds strings to consecutive parameters from <paramref name="first"/> (numbered from 1).</summary>
    private static void Bind(RawStatement statement, int first, params ReadOnlySpan<string?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            statement.Bind(first + i, values[i]);
        }
    }
}
