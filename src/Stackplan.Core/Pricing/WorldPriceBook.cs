using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;

using Stackplan.Core.Parsing;

namespace Stackplan.Core.Pricing;

/// <summary>
/// A compiled world book of one provider (tools/Stackplan.PriceCompiler, data/prices/world/&lt;provider&gt;):
/// one gzipped CSV per region, read the first time a price of that region is asked for, so an
/// estimate in one region pays for that region only. Account-wide prices (e.g. dashboards a
/// provider bills per account) are in the region file "global" and are found from every region;
/// no other price is ever taken from a region other than the one asked for.
/// </summary>
public sealed class WorldPriceBook : IPriceBook
{
    public const string BookName = "stackplan-world";
    public const string GlobalRegion = "global";

    private readonly string _folder;
    private readonly Func<string, Stream?> _open;
    private readonly Lazy<ImmutableArray<RegionCoverage>> _regions;
    private readonly Lazy<ImmutableArray<string>> _sources;
    private readonly Lazy<ImmutableDictionary<string, ImmutableArray<string>>> _keyRegions;
    private readonly Dictionary<string, PriceBook> _loaded = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <param name="provider">The provider profile id whose prices the book holds.</param>
    /// <param name="folder">The resource folder, data/prices/world/&lt;provider&gt;.</param>
    /// <param name="open">Opens a resource by name, or null when there is none.</param>
    public WorldPriceBook(string provider, string folder, Func<string, Stream?> open)
    {
        Provider = provider;
        _folder = folder;
        _open = open;
        _regions = new(ReadRegions);
        _sources = new(ReadSources);
        _keyRegions = new(ReadKeyRegions);
    }

    public string Name => BookName;

    /// <summary>The one provider whose prices the book holds: each provider has its own world book.</summary>
    public string Provider { get; }

    /// <summary>The date of the newest source the book holds.</summary>
    public string AsOf => Regions.Length == 0 ? "" : Regions.Select(r => r.AsOfMax).Max(StringComparer.Ordinal)![..10];

    /// <summary>The regions the book prices, with how many keys and the as-of range of each; "global" excluded.</summary>
    public ImmutableArray<RegionCoverage> Regions => _regions.Value;

    public bool HasRegion(string region) => Regions.Any(r => r.Region == region);

    /// <summary>The regions that hold a price for <paramref name="key"/>, sorted; empty when none does.</summary>
    public IEnumerable<string> RegionsWith(string key) => _keyRegions.Value.GetValueOrDefault(key, []);

    /// <summary>Every key the book holds in some region.</summary>
    public IEnumerable<string> Keys => _keyRegions.Value.Keys.Order(StringComparer.Ordinal);

    public PriceEntry? Find(string key, string region) =>
        (region == GlobalRegion ? null : Region(region)?.Find(key, region)) ?? Region(GlobalRegion)?.Find(key, GlobalRegion);

    /// <summary>Every entry of every region: this reads the whole book, so only listing commands use it.</summary>
    public IEnumerable<PriceEntry> Entries =>
        Regions.Select(r => r.Region).Append(GlobalRegion).SelectMany(r => Region(r)?.Entries ?? []);

    /// <summary>The entries of one region (no global ones), loading it if needed.</summary>
    public IEnumerable<PriceEntry> EntriesIn(string region) => Region(region)?.Entries ?? [];

    private PriceBook? Region(string region)
    {
        lock (_lock)
        {
            if (_loaded.TryGetValue(region, out var book))
            {
                return book;
            }

            // Region names come from specs: only names the index lists become resource names.
            if (region != GlobalRegion && !HasRegion(region))
            {
                return null;
            }

            using var stream = _open($"{_folder}/{region}.csv.gz");
            if (stream is null)
            {
                return null;
            }

            using var gzip = new GZipStream(stream, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            book = ReadRegion(region, reader);
            _loaded[region] = book;
            return book;
        }
    }

    private PriceBook ReadRegion(string region, TextReader reader)
    {
        // Columns: key,unit,tier_start,tier_end,usd,free_tier,rate_code,source,description.
        // Rows of one key are adjacent and in tier order: the compiler writes them so.
        var sources = _sources.Value;
        var entries = new List<PriceEntry>();
        var tiers = ImmutableArray.CreateBuilder<PriceTier>();
        var rateCodes = new List<string>();
        string[]? first = null;
        foreach (var (line, f) in Csv.Read(reader))
        {
            if (line == 1)
            {
                continue;
            }

            if (first is not null && f[0] != first[0])
            {
                entries.Add(Entry(region, first, tiers, rateCodes, sources));
            }

            if (first is null || f[0] != first[0])
            {
                first = f;
                tiers.Clear();
                rateCodes.Clear();
            }

            tiers.Add(new PriceTier(Number(f[2]), f[3].Length == 0 ? null : Number(f[3]), Number(f[4]), f[5] == "true"));
            if (f[6].Length > 0 && !rateCodes.Contains(f[6]))
            {
                rateCodes.Add(f[6]);
            }
        }

        if (first is not null)
        {
            entries.Add(Entry(region, first, tiers, rateCodes, sources));
        }

        return new PriceBook(BookName, "", entries, Provider);
    }

    private static PriceEntry Entry(string region, string[] f, ImmutableArray<PriceTier>.Builder tiers, List<string> rateCodes, ImmutableArray<string> sources)
    {
        var source = sources[int.Parse(f[7], CultureInfo.InvariantCulture)].Split('|');
        return new PriceEntry(f[0], region, f[1], tiers.ToImmutable(), f[8], source[0], source[1], BookName, string.Join(", ", rateCodes));
    }

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private string ReadText(string name)
    {
        using var stream = _open($"{_folder}/{name}") ?? throw new InvalidOperationException($"embedded data '{_folder}/{name}' is missing from the build");
        Stream content = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        using var reader = new StreamReader(content);
        return reader.ReadToEnd();
    }

    private ImmutableArray<RegionCoverage> ReadRegions()
    {
        using var reader = new StringReader(ReadText("regions.csv"));
        return [.. Csv.Read(reader).Where(r => r.Line > 1 && r.Fields.Length == 4 && r.Fields[0] != GlobalRegion)
            .Select(r => new RegionCoverage(r.Fields[0], int.Parse(r.Fields[1], CultureInfo.InvariantCulture), r.Fields[2], r.Fields[3]))];
    }

    private ImmutableArray<string> ReadSources()
    {
        using var reader = new StringReader(ReadText("sources.csv"));
        return [.. Csv.Read(reader).Where(r => r.Line > 1 && r.Fields.Length == 3).Select(r => r.Fields[1] + "|" + r.Fields[2])];
    }

    private ImmutableDictionary<string, ImmutableArray<string>> ReadKeyRegions()
    {
        using var reader = new StringReader(ReadText("keys.csv.gz"));
        return Csv.Read(reader).Where(r => r.Line > 1 && r.Fields.Length == 2)
            .ToImmutableDictionary(r => r.Fields[0], r => r.Fields[1].Split(' ').ToImmutableArray(), StringComparer.Ordinal);
    }
}

/// <summary>What a book holds in one region: how many keys, and the as-of range of their sources.</summary>
public sealed record RegionCoverage(string Region, int Keys, string AsOfMin, string AsOfMax);
