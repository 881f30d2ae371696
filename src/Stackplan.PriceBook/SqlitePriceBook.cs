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
/// Opening reads nothing but the schema version and the key map the book was keyed with, through
/// SQLite's own API (<see cref="BookReader"/>). The read-only connection opened with the book is kept: an import never writes the file a reader has
/// open (it renames a new copy into place, see <see cref="PriceListImporter"/>).
/// </remarks>
public sealed class SqlitePriceBook : IPriceBook, IDisposable
{
    private const string BookName = "aws-price-list";

    /// <summary>Where a global rule's prices are filed: they serve every region.</summary>
    internal const string AnyRegion = "any";

    private readonly BookReader _book;
    private readonly Dictionary<(string Key, string Region), PriceEntry?> _found = [];
    private readonly Lazy<CuratedShape> _all;
    private readonly Lock _lock = new();

    private SqlitePriceBook(BookReader book)
    {
        _book = book;
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
            return [.. _book.Rows("SELECT region FROM resolved_prices WHERE key = ?1 ORDER BY region", key).Select(row => row[0]!)];
        }
    }

    /// <summary>Checks that <paramref name="path"/> is a price book this Stackplan reads (a coded error if not); nothing else is read yet.</summary>
    public static SqlitePriceBook Open(string path) => new(BookReader.Open(path));

    public void Dispose() => _book.Dispose();

    private const string Seek = $"SELECT {ResolvedPrices.Columns} FROM resolved_prices WHERE region = ?1 AND key = ?2";

    private PriceEntry? Lookup(string key, string region)
    {
        if (_found.TryGetValue((key, region), out var known))
        {
            return known;
        }

        var found = _book.Rows(Seek, region, key) is [var row] ? ResolvedPrices.Read(row) : null;
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
        var entries = aws._book.Rows("""
            SELECT c.provider, c.key, c.region, c.unit, c.tiers, c.description, c.source, c.as_of, f.offer_code, f.version
            FROM cloud_prices c JOIN offer_files f ON f.id = c.file_id ORDER BY c.provider, c.key, c.region
            """).Select(r => (Provider: r[0]!, Entry: new PriceEntry(r[1]!, r[2]!, r[3]!, CloudPageFormats.ReadTiers(r[4]!), r[5]!, r[6]!, r[7]!, $"{r[8]} {r[9]}"))).ToList();

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
            var entries = _book.Rows($"SELECT {ResolvedPrices.Columns} FROM resolved_prices ORDER BY key, region").Select(ResolvedPrices.Read).ToList();

            var asOf = entries.Count == 0 ? "" : entries.Max(e => e.AsOf)!;
            return new CuratedShape(BookName, asOf, entries, AwsProfile.Instance.Id);
        }
    }
}
