using Microsoft.Data.Sqlite;
using CuratedShape = Stackplan.Core.Pricing.PriceBook;
using Stackplan.Core.Pricing;
using Stackplan.Core.Providers.Aws;

namespace Stackplan.PriceBook;

/// <summary>
/// An imported AWS Price List book seen as Stackplan prices: every key the key map found, per
/// region, with the offer, version, publication date and SKU that priced it. Only on-demand USD
/// prices (and Reserved and Savings Plans rates under commitment keys) are used (Stackplan's money
/// is USD; CNY prices stay queryable).
/// </summary>
/// <remarks>
/// The key map was applied when the book was imported (<see cref="ResolvedPrices"/>): each price is
/// one row of resolved_prices, read the first time it is asked for by one index seek, and kept.
/// Opening reads nothing but the schema version and the key map the book was keyed with. The
/// read-only connection opened with the book is kept: an import never writes the file a reader has
/// open (it renames a new copy into place, see <see cref="PriceListImporter"/>).
/// </remarks>
public sealed class SqlitePriceBook : IPriceBook, IDisposable
{
    private const string BookName = "aws-price-list";

    /// <summary>Where a global rule's prices are filed: they serve every region.</summary>
    internal const string AnyRegion = "any";

    private readonly SqliteConnection _connection;
    private readonly Dictionary<(string Key, string Region), PriceEntry?> _found = [];
    private readonly Lazy<CuratedShape> _all;
    private readonly Lock _lock = new();
    private SqliteCommand? _lookup;

    private SqlitePriceBook(SqliteConnection connection)
    {
        _connection = connection;
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

    /// <summary>The regions holding <paramref name="key"/>, without reading the rest of the book.</summary>
    public IEnumerable<string> RegionsWith(string key)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT region FROM resolved_prices WHERE key = $k ORDER BY region";
            command.Parameters.AddWithValue("$k", key);
            using var reader = command.ExecuteReader();
            var regions = new List<string>();
            while (reader.Read())
            {
                regions.Add(reader.GetString(0));
            }

            return regions;
        }
    }

    /// <summary>Checks that <paramref name="path"/> is a price book this Stackplan reads (a coded error if not); nothing else is read yet.</summary>
    public static SqlitePriceBook Open(string path) => new(PriceBookDatabase.Open(path, forWriting: false));

    public void Dispose()
    {
        _lookup?.Dispose();
        _connection.Dispose();
    }

    private PriceEntry? Lookup(string key, string region)
    {
        if (_found.TryGetValue((key, region), out var known))
        {
            return known;
        }

        if (_lookup is null)
        {
            _lookup = _connection.CreateCommand();
            _lookup.CommandText = $"SELECT {ResolvedPrices.Columns} FROM resolved_prices WHERE region = $r AND key = $k";
            _lookup.Parameters.Add(new SqliteParameter("$r", ""));
            _lookup.Parameters.Add(new SqliteParameter("$k", ""));
        }

        _lookup.Parameters[0].Value = region;
        _lookup.Parameters[1].Value = key;
        PriceEntry? found = null;
        using (var reader = _lookup.ExecuteReader())
        {
            if (reader.Read())
            {
                found = ResolvedPrices.Read(reader);
            }
        }

        _found[(key, region)] = found;
        return found;
    }

    /// <summary>
    /// Every book an imported file holds: its AWS Price List prices, and one book per provider whose
    /// Azure Retail Prices or Cloud Billing Catalog pages were imported (`pricebook import`), each
    /// serving only its provider's deployments. One connection.
    /// </summary>
    public static IReadOnlyList<IPriceBook> OpenAll(string path)
    {
        var aws = Open(path);
        var books = new List<IPriceBook> { aws };
        using var command = aws._connection.CreateCommand();
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

    private CuratedShape ReadAll()
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT {ResolvedPrices.Columns} FROM resolved_prices ORDER BY key, region";
            var entries = new List<PriceEntry>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    entries.Add(ResolvedPrices.Read(reader));
                }
            }

            var asOf = entries.Count == 0 ? "" : entries.Max(e => e.AsOf)!;
            return new CuratedShape(BookName, asOf, entries, AwsProfile.Instance.Id);
        }
    }
}
