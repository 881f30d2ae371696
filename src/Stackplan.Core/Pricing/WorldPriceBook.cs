using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using System.Text;

using Stackplan.Core.Parsing;

namespace Stackplan.Core.Pricing;

/// <summary>
/// A compiled world book of one provider (tools/Stackplan.PriceCompiler, data/prices/world/&lt;provider&gt;):
/// one CSV per region, read in place the first time a price of that region is asked for, so an
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
    private readonly Dictionary<string, RegionPrices> _loaded = new(StringComparer.Ordinal);
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

    public IEnumerable<string> KeysOf(string provider) => provider == Provider ? _keyRegions.Value.Keys : [];

    public PriceEntry? Find(string key, string region) =>
        (region == GlobalRegion ? null : Region(region)?.Find(key)) ?? Region(GlobalRegion)?.Find(key);

    /// <summary>Every entry of every region: this reads the whole book, so only listing commands use it.</summary>
    public IEnumerable<PriceEntry> Entries =>
        Regions.Select(r => r.Region).Append(GlobalRegion).SelectMany(EntriesIn);

    /// <summary>The entries of one region (no global ones), loading it if needed.</summary>
    public IEnumerable<PriceEntry> EntriesIn(string region) =>
        Region(region) is { } prices ? prices.Keys.Order(StringComparer.Ordinal).Select(k => prices.Find(k)!) : [];

    private RegionPrices? Region(string region)
    {
        lock (_lock)
        {
            if (_loaded.TryGetValue(region, out var prices))
            {
                return prices;
            }

            // Region names come from specs: only names the index lists become resource names.
            if (region != GlobalRegion && !HasRegion(region))
            {
                return null;
            }

            using var stream = _open($"{_folder}/{region}.csv");
            if (stream is null)
            {
                return null;
            }

            prices = new RegionPrices(this, region, ResourceMemory.Of(stream));
            _loaded[region] = prices;
            return prices;
        }
    }

    /// <summary>
    /// One region's rows, read in place as the file's UTF-8 bytes (stored uncompressed, so the
    /// embedded file is searched where it lies: <see cref="ResourceMemory"/>) and found by binary
    /// search on the key (the compiler writes rows sorted by key, ordinally), so opening a region
    /// allocates one line index and a lookup decodes only the rows of its key: an estimate reads a
    /// few dozen of a region's thousands of prices, and start-up should not pay for the rest.
    /// Columns: key,unit,tier_start,tier_end,usd,free_tier,rate_code,source,description; the rows of
    /// one key are adjacent and in tier order.
    /// </summary>
    private sealed class RegionPrices
    {
        private readonly WorldPriceBook _book;
        private readonly string _region;
        private readonly ReadOnlyMemory<byte> _text;
        private readonly List<int> _lineStarts = [];
        private readonly Dictionary<string, PriceEntry?> _parsed = new(StringComparer.Ordinal);

        public RegionPrices(WorldPriceBook book, string region, ReadOnlyMemory<byte> text)
        {
            _book = book;
            _region = region;
            _text = text;
            var span = text.Span;
            var start = span.IndexOf((byte)'\n') + 1;
            while (start > 0 && start < text.Length)
            {
                // Lines are only counted here; a misordered file would make lookups miss, so say so loudly.
                if (_lineStarts.Count > 0 && KeyAt(_lineStarts[^1]).SequenceCompareTo(KeyAt(start)) > 0)
                {
                    throw new InvalidOperationException($"world price book region '{region}' is not sorted by key at byte {start}");
                }

                _lineStarts.Add(start);
                var end = span[start..].IndexOf((byte)'\n');
                start = end < 0 ? text.Length : start + end + 1;
            }
        }

        /// <summary>Every key of the region (decoded: only listing commands use this).</summary>
        public IEnumerable<string> Keys => _lineStarts.Select(s => Encoding.UTF8.GetString(KeyAt(s))).Distinct(StringComparer.Ordinal);

        public PriceEntry? Find(string key)
        {
            lock (_parsed)
            {
                if (!_parsed.TryGetValue(key, out var entry))
                {
                    entry = Rows(Encoding.UTF8.GetBytes(key)) is { } rows ? Parse(rows) : null;
                    _parsed[key] = entry;
                }

                return entry;
            }
        }

        private ReadOnlySpan<byte> KeyAt(int lineStart)
        {
            var line = _text.Span[lineStart..];
            return line[..line.IndexOfAny((byte)',', (byte)'\n')];
        }

        /// <summary>The text of every row of <paramref name="key"/>, or null when the region has none.</summary>
        private string? Rows(ReadOnlySpan<byte> key)
        {
            // The first line whose key is not below the one asked for.
            int low = 0, high = _lineStarts.Count;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (KeyAt(_lineStarts[mid]).SequenceCompareTo(key) < 0)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            var last = low;
            while (last < _lineStarts.Count && KeyAt(_lineStarts[last]).SequenceEqual(key))
            {
                last++;
            }

            if (last == low)
            {
                return null;
            }

            var end = last < _lineStarts.Count ? _lineStarts[last] : _text.Length;
            return Encoding.UTF8.GetString(_text.Span[_lineStarts[low]..end]);
        }


        private PriceEntry Parse(string rows)
        {
            var tiers = ImmutableArray.CreateBuilder<PriceTier>();
            var rateCodes = new List<string>();
            string[]? first = null;
            using var reader = new StringReader(rows);
            foreach (var (_, f) in Csv.Read(reader))
            {
                first ??= f;
                tiers.Add(new PriceTier(Number(f[2]), f[3].Length == 0 ? null : Number(f[3]), Number(f[4]), f[5] == "true"));
                if (f[6].Length > 0 && !rateCodes.Contains(f[6]))
                {
                    rateCodes.Add(f[6]);
                }
            }

            var source = _book._sources.Value[int.Parse(first![7], CultureInfo.InvariantCulture)].Split('|');
            return new PriceEntry(first[0], _region, first[1], tiers.ToImmutable(), first[8], source[0], source[1], BookName, string.Join(", ", rateCodes));
        }
    }

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private string ReadText(string name)
    {
        using var stream = _open($"{_folder}/{name}") ?? throw new InvalidOperationException($"embedded data '{_folder}/{name}' is missing from the build");
        using var content = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        return EmbeddedData.ReadUtf8(content);
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
