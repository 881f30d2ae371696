using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Stackplan.Core;

namespace Stackplan.PriceBook;

/// <summary>
/// Receives one offer file's rows into TEMP staging tables through prepared statements, then merges
/// them into the book (see <see cref="PriceListImporter"/>). Nothing of a file is held in memory.
/// </summary>
internal sealed partial class StagingSink : IOfferSink
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly ImportFilter _filter;
    private readonly string _file;
    private readonly SqliteCommand _product;
    private readonly SqliteCommand _price;
    private OfferHeader? _header;

    public StagingSink(SqliteConnection connection, SqliteTransaction transaction, ImportFilter filter, string file)
    {
        _connection = connection;
        _transaction = transaction;
        _filter = filter;
        _file = file;
        _product = Prepare("INSERT INTO temp.stage_products VALUES ($1,$2,$3,$4,$5,$6,$7)", 7);
        _price = Prepare("INSERT INTO temp.stage_prices VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)", 15);
    }

    public RowPosition? LastPosition { get; private set; }

    public void Header(OfferHeader header)
    {
        if (!OfferCodeShape().IsMatch(header.OfferCode))
        {
            throw new InputException(SourceLocation.None(_file), $"'{header.OfferCode}' is not an AWS offer code");
        }

        if (!_filter.WantsService(header.OfferCode))
        {
            throw new InputException(SourceLocation.None(_file), $"offer '{header.OfferCode}' is not one of the services to import ({string.Join(", ", _filter.Services.Order(StringComparer.Ordinal))})",
                $"add --services {header.OfferCode} to import it anyway");
        }

        if (header.Version.Length == 0)
        {
            throw new InputException(SourceLocation.None(_file), $"offer '{header.OfferCode}' names no version", "an offer file carries \"version\" beside \"offerCode\"");
        }

        _header = header;
    }

    public void Product(ProductRow product, RowPosition at)
    {
        LastPosition = at;
        if (!_filter.WantsRegion(product.Region))
        {
            return;
        }

        Bind(_product, product.Sku, product.Family, product.Region, product.UsageType, product.Operation, product.AttributesJson, at.Line > 0 ? at.Line : at.ByteOffset);
        try
        {
            _product.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new InputException(Where(at), $"SKU {product.Sku} is listed twice among the products", "an offer file lists each SKU once; the file is damaged or was concatenated");
        }
    }

    /// <summary>Rows that repeat a product (CSV: one per price dimension) are kept once.</summary>
    public void ProductOnce(ProductRow product, RowPosition at)
    {
        LastPosition = at;
        if (!_filter.WantsRegion(product.Region))
        {
            return;
        }

        _product.CommandText = "INSERT OR IGNORE INTO temp.stage_products VALUES ($1,$2,$3,$4,$5,$6,$7)";
        Bind(_product, product.Sku, product.Family, product.Region, product.UsageType, product.Operation, product.AttributesJson, at.Line);
        _product.ExecuteNonQuery();
    }

    public void Price(PriceRow price, RowPosition at)
    {
        LastPosition = at;
        if (!_filter.WantsTermType(price.TermType) || !_filter.WantsPurchaseOption(price.PurchaseOption))
        {
            return;
        }

        Bind(_price, price.Sku, price.TermType, price.OfferTermCode, price.RateCode, price.Description, price.Unit, price.BeginRange, price.EndRange,
            price.Amount, price.Currency, price.EffectiveDate, price.LeaseContractLength, price.PurchaseOption, price.OfferingClass, price.DiscountedSku);
        _price.ExecuteNonQuery();
    }

    /// <summary>Moves the staged file into the book, replacing the same SKUs of the same offer.</summary>
    public ImportedFile Merge(string sha256, string format)
    {
        var header = _header ?? throw new InputException(SourceLocation.None(_file), "not an AWS Price List offer file: no offer code or version found");
        var regions = new List<string>();
        using (var command = Command("SELECT DISTINCT region FROM temp.stage_products WHERE region <> '' ORDER BY region LIMIT 2"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                regions.Add(reader.GetString(0));
            }
        }

        var region = regions.Count == 1 ? regions[0] : header.RegionCode;
        var fileId = PriceBookDatabase.Scalar(_connection, """
            INSERT INTO offer_files(offer_code, version, publication_date, region, format, source, sha256, products, prices)
            VALUES ($o, $v, $p, $r, $f, $s, $h, 0, 0) RETURNING id
            """, _transaction, ("$o", header.OfferCode), ("$v", header.Version), ("$p", header.PublicationDate), ("$r", region), ("$f", format), ("$s", Path.GetFileName(_file)), ("$h", sha256))!;
        Run("DELETE FROM prices WHERE offer_code = $o AND sku IN (SELECT sku FROM temp.stage_products)", header.OfferCode, fileId);
        var products = Run("INSERT OR REPLACE INTO products SELECT $o, sku, $id, family, region, usagetype, operation, attributes FROM temp.stage_products", header.OfferCode, fileId);
        var prices = Run("""
            INSERT INTO prices SELECT $o, s.sku, $id, s.term_type, s.offer_term_code, s.rate_code, s.description, s.unit, s.begin_range, s.end_range,
                s.amount, s.currency, s.effective_date, s.lease_contract_length, s.purchase_option, s.offering_class, s.discounted_sku
            FROM temp.stage_prices s JOIN temp.stage_products p ON p.sku = s.sku
            """, header.OfferCode, fileId);
        Run("UPDATE offer_files SET products = " + products + ", prices = " + prices + " WHERE id = $id", header.OfferCode, fileId);
        Run("DELETE FROM temp.stage_products; DELETE FROM temp.stage_prices;", header.OfferCode, fileId);
        _product.Dispose();
        _price.Dispose();
        return new ImportedFile(_file, header.OfferCode, header.Version, header.PublicationDate, region, products, prices, Skipped: false);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{1,63}$")]
    private static partial Regex OfferCodeShape();

    private SourceLocation Where(RowPosition at) =>
        at.Line > 0 ? new SourceLocation(_file, at.Line, 1) : new SourceLocation($"{_file} (byte {at.ByteOffset})", 0, 0);

    private int Run(string sql, string offerCode, string fileId)
    {
        using var command = Command(sql);
        command.Parameters.AddWithValue("$o", offerCode);
        command.Parameters.AddWithValue("$id", long.Parse(fileId, System.Globalization.CultureInfo.InvariantCulture));
        return command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }

    private SqliteCommand Prepare(string sql, int count)
    {
        var command = Command(sql);
        for (var i = 1; i <= count; i++)
        {
            command.Parameters.Add(new SqliteParameter("$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
        }

        return command;
    }

    private static void Bind(SqliteCommand command, params ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
