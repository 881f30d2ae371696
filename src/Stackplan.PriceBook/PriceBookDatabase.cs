using Microsoft.Data.Sqlite;
using Stackplan.Core.Model;

namespace Stackplan.PriceBook;

/// <summary>
/// The SQLite file holding imported AWS prices. Tables: offer_files (provenance: offer code,
/// version, publication date, file hash), products (one row per offer and SKU, attributes as JSON),
/// prices (one row per SKU x term x rate x currency), product_keys (the Stackplan key each product
/// prices under the key map, found as it is imported) and resolved_prices (every key's price per
/// region, as an estimate reads it, rebuilt at the end of each import). An import writes a copy of the book and
/// renames it into place (<see cref="PriceListImporter"/>), so a failed or killed import leaves the
/// previous book exactly as it was.
/// </summary>
public static class PriceBookDatabase
{
    public const int SchemaVersion = 2;

    public static string DefaultPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "stackplan", "pricebook.db");

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS schema_info(name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS offer_files(
            id INTEGER PRIMARY KEY,
            offer_code TEXT NOT NULL, version TEXT NOT NULL, publication_date TEXT NOT NULL,
            region TEXT NOT NULL, format TEXT NOT NULL, source TEXT NOT NULL, sha256 TEXT NOT NULL,
            products INTEGER NOT NULL, prices INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS offer_files_by_offer ON offer_files(offer_code, region, version);
        CREATE TABLE IF NOT EXISTS products(
            offer_code TEXT NOT NULL, sku TEXT NOT NULL, file_id INTEGER NOT NULL,
            family TEXT NOT NULL, region TEXT NOT NULL, usagetype TEXT NOT NULL, operation TEXT NOT NULL,
            attributes TEXT NOT NULL,
            UNIQUE(offer_code, sku));
        CREATE TABLE IF NOT EXISTS prices(
            offer_code TEXT NOT NULL, sku TEXT NOT NULL, file_id INTEGER NOT NULL,
            term_type TEXT NOT NULL, offer_term_code TEXT NOT NULL, rate_code TEXT NOT NULL,
            description TEXT NOT NULL, unit TEXT NOT NULL, begin_range TEXT NOT NULL, end_range TEXT,
            amount TEXT NOT NULL, currency TEXT NOT NULL, effective_date TEXT NOT NULL,
            lease_contract_length TEXT NOT NULL, purchase_option TEXT NOT NULL, offering_class TEXT NOT NULL,
            discounted_sku TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS product_keys(
            offer_code TEXT NOT NULL, sku TEXT NOT NULL, file_id INTEGER NOT NULL, rule INTEGER NOT NULL, key TEXT NOT NULL, region TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS resolved_prices(
            region TEXT NOT NULL, key TEXT NOT NULL, unit TEXT NOT NULL, tiers TEXT NOT NULL, description TEXT NOT NULL,
            source TEXT NOT NULL, as_of TEXT NOT NULL, book TEXT NOT NULL,
            PRIMARY KEY(region, key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS cloud_prices(
            provider TEXT NOT NULL, key TEXT NOT NULL, region TEXT NOT NULL, file_id INTEGER NOT NULL,
            unit TEXT NOT NULL, tiers TEXT NOT NULL, description TEXT NOT NULL, source TEXT NOT NULL, as_of TEXT NOT NULL,
            UNIQUE(provider, key, region));
        """;

    /// <summary>
    /// The lookup indexes: products by family and region (`pricebook query`), prices by SKU and by
    /// the SKU a Savings Plans rate discounts (resolving prices, replacing SKUs), product keys by SKU.
    /// An estimate reads resolved_prices by its primary key and needs none of them. A new book builds
    /// them after its load.
    /// </summary>
    internal const string Indexes = """
        CREATE INDEX IF NOT EXISTS products_by_family ON products(offer_code, family, region);
        CREATE INDEX IF NOT EXISTS prices_by_sku ON prices(offer_code, sku, term_type);
        CREATE INDEX IF NOT EXISTS prices_by_discounted_sku ON prices(discounted_sku) WHERE discounted_sku <> '';
        CREATE INDEX IF NOT EXISTS product_keys_by_sku ON product_keys(offer_code, sku);
        """;

    /// <summary>Opens (and for writing, creates) a book, checking its schema version.</summary>
    public static SqliteConnection Open(string path, bool forWriting)
    {
        if (!forWriting && !File.Exists(path))
        {
            throw NoBook(path);
        }

        if (forWriting && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return Connect(path, path, forWriting, forWriting ? connection => CreateSchema(connection, path, Tables + Indexes) : null);
    }

    /// <summary>
    /// The copy of a book an import writes (see <see cref="PriceListImporter"/>), named as the book
    /// in messages: no journal (a failed import deletes the copy) and, for a new book, no indexes
    /// until the rows are in.
    /// </summary>
    internal static SqliteConnection OpenCopyForImport(string copyPath, string bookPath, bool deferIndexes) =>
        Connect(copyPath, bookPath, forWriting: true, connection =>
        {
            Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=FULL; PRAGMA cache_size=-32768; PRAGMA temp_store=FILE;");
            CreateSchema(connection, bookPath, deferIndexes ? Tables : Tables + Indexes);
        });

    private static void CreateSchema(SqliteConnection connection, string shownAs, string schema)
    {
        RefuseForeignDatabase(connection, shownAs);
        Execute(connection, schema);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO schema_info(name, value) VALUES ('schema_version', $v), ('key_map', $k);";
        command.Parameters.AddWithValue("$v", SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$k", PriceListKeyMap.EmbeddedFingerprint);
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Connect(string file, string shownAs, bool forWriting, Action<SqliteConnection>? prepare)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = forWriting ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            prepare?.Invoke(connection);
            CheckVersion(connection, shownAs);
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InputException(DiagnosticCodes.NotAPriceBook, SourceLocation.None(shownAs), Why(e, shownAs, forWriting));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A book is read only by the schema it was written with, and only with the key map it was
    /// imported under (it stores the keys that map gave each product): anything else is refused,
    /// never read as a wrong or missing price. Both are one query.
    /// </summary>
    private static void CheckVersion(SqliteConnection connection, string shownAs)
    {
        string? version = null, keyMap = null;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = VersionQuery;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetString(0) == "schema_version")
                {
                    version = reader.GetString(1);
                }
                else
                {
                    keyMap = reader.GetString(1);
                }
            }
        }

        CheckVersion(version, keyMap, shownAs);
    }

    /// <summary>The schema version and key-map fingerprint a book states (two rows of name, value).</summary>
    internal const string VersionQuery = "SELECT name, value FROM schema_info WHERE name IN ('schema_version', 'key_map')";

    /// <summary>Refuses (SP7002, with the fix) a book whose schema version or key-map fingerprint is not this Stackplan's.</summary>
    internal static void CheckVersion(string? version, string? keyMap, string shownAs)
    {
        const string Again = "import the offer files again into a new book (move or delete this one first)";
        if (version != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InputException(DiagnosticCodes.NotAPriceBook, SourceLocation.None(shownAs),
                $"price book schema version {version ?? "(none)"} is not the one this Stackplan reads ({SchemaVersion}); a book written by another version of Stackplan is not read", Again);
        }

        if (keyMap != PriceListKeyMap.EmbeddedFingerprint)
        {
            throw new InputException(DiagnosticCodes.NotAPriceBook, SourceLocation.None(shownAs),
                $"this book's prices were keyed by another version of the key map ({PriceListKeyMap.EmbeddedName}: {keyMap ?? "none"}, this Stackplan's: {PriceListKeyMap.EmbeddedFingerprint}); it is not read, so no price in it can be the wrong one", Again);
        }
    }

    /// <summary>The error for a book that is not there: reading needs one.</summary>
    internal static InputException NoBook(string path) =>
        new(DiagnosticCodes.NotAPriceBook, SourceLocation.None(path), "no price book here", "import one first: stackplan pricebook import <offer files> --pricebook " + path);

    /// <summary>SQLite's result codes in words: permission, read-only folder, not a database, disk full.</summary>
    internal static string Why(SqliteException e, string path, bool forWriting) => e.SqliteErrorCode switch
    {
        14 => forWriting
            ? $"cannot create or open the price book: permission denied, or the folder '{Path.GetDirectoryName(Path.GetFullPath(path))}' is read-only"
            : "cannot open the price book: permission denied",
        8 => "the price book is read-only here, and this needs to write it",
        26 => "not a Stackplan price book: the file is not an SQLite database",
        13 => "the disk is full",
        5 or 6 => "the price book is locked by another Stackplan or program; try again when it has finished",
        _ => $"not a Stackplan price book (SQLite result code {e.SqliteErrorCode})",
    };

    /// <summary>Import writes only into a new file or a Stackplan book, never into another program's database.</summary>
    private static void RefuseForeignDatabase(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        var tables = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (tables.Count > 0 && !tables.Contains("schema_info"))
        {
            throw new InputException(DiagnosticCodes.NotAPriceBook, SourceLocation.None(path),
                $"an SQLite database that is not a Stackplan price book (its tables: {string.Join(", ", tables.Take(5))}{(tables.Count > 5 ? ", ..." : "")}); import leaves it untouched",
                "give --pricebook a new file, or a book Stackplan made");
        }
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    internal static string? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar() switch
        {
            null or DBNull => null,
            var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
