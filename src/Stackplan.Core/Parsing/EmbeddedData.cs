using System.Reflection;
using System.Text;
using Stackplan.Core.Model;
using Stackplan.Core.Providers;
using Stackplan.Core.Sizing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Parsing;

/// <summary>
/// The data files compiled into this assembly from data/: catalog, curated prices, instance
/// types and controls. Reading a manifest resource is not file I/O: it works offline and
/// cannot be damaged on disk.
/// </summary>
public static class EmbeddedData
{
    public const string PriceBookName = "stackplan-curated";

    private static readonly Assembly Assembly = typeof(EmbeddedData).Assembly;

    /// <summary>Resource names under data/, sorted.</summary>
    public static IEnumerable<string> Names =>
        Assembly.GetManifestResourceNames().Where(n => n.StartsWith("data/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public static string Read(string name) => Utf8Text(ReadBytes(name));

    /// <summary>
    /// The UTF-8 text of a stream, without its byte-order mark: one buffer and one string of the
    /// final size where the stream's length is known (an embedded resource), where a StreamReader
    /// grows a builder chunk by chunk (start-up reads a few hundred KB of data files).
    /// </summary>
    public static string ReadUtf8(Stream stream) => Utf8Text(AllBytes(stream));

    private static byte[] AllBytes(Stream stream)
    {
        if (!stream.CanSeek)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        var bytes = new byte[stream.Length - stream.Position];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static string Utf8Text(ReadOnlySpan<byte> text) =>
        Encoding.UTF8.GetString(text.StartsWith(Encoding.UTF8.Preamble) ? text[Encoding.UTF8.Preamble.Length..] : text);

    /// <summary>The embedded catalog files (data/catalog/*.yaml), in name order.</summary>
    public static IEnumerable<SourceText> CatalogFiles =>
        CatalogFileNames.Select(n => new SourceText(n, Read(n)));

    private static IEnumerable<string> CatalogFileNames =>
        Names.Where(n => n.StartsWith("data/catalog/", StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal));

    /// <summary>The packed form of the embedded catalog's trees (<see cref="YamlTreePack"/>), rewritten by a test when the YAML changes.</summary>
    public const string CatalogPackName = "data/catalog.pack";

    /// <summary>The embedded catalog, then the user's files (which add or replace components by id).</summary>
    public static ComponentCatalog Catalog(IEnumerable<SourceText>? userFiles = null) =>
        ComponentCatalog.Load(CatalogDocuments().Concat((userFiles ?? []).Select(YamlDocument.Parse)));

    /// <summary>
    /// The embedded catalog files as trees: from the pack when it was made from exactly these
    /// files (the start-up path), else read from their YAML.
    /// </summary>
    public static IReadOnlyList<YamlDocument> CatalogDocuments()
    {
        var files = CatalogYaml();
        if (Assembly.GetManifestResourceStream(CatalogPackName) is { } pack)
        {
            using (pack)
            {
                if (YamlTreePack.Read(AllBytes(pack), YamlTreePack.Fingerprint(files)) is { } packed)
                {
                    return packed;
                }
            }
        }

        return Parse(files);
    }

    /// <summary>What data/catalog.pack should hold: the embedded catalog's YAML, read and packed.</summary>
    public static byte[] PackCatalog()
    {
        var files = CatalogYaml();
        return YamlTreePack.Write(YamlTreePack.Fingerprint(files), Parse(files));
    }

    private static List<(string Name, byte[] Bytes)> CatalogYaml() => [.. CatalogFileNames.Select(n => (n, ReadBytes(n)))];

    private static YamlDocument[] Parse(List<(string Name, byte[] Bytes)> files) =>
        [.. files.Select(f => YamlDocument.Parse(new SourceText(f.Name, Utf8Text(f.Bytes))))];

    private static byte[] ReadBytes(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded data '{name}' is missing from the build");
        return AllBytes(stream);
    }

    /// <summary>The embedded prices: the curated, hand-cited rows over the compiled world book.</summary>
    public static IPriceBook PriceBook() => new LayeredPriceBook([CuratedBook(), .. Worlds]);

    /// <summary>
    /// The curated books, one per provider: data/prices/&lt;provider&gt;-*.csv holds that
    /// provider's prices (the file name's first word is a provider profile's id). Few, hand-cited,
    /// kept where better sourced than the world book; the world book's files are in a folder below.
    /// </summary>
    public static IPriceBook CuratedBook()
    {
        var files = Names.Where(n => n.StartsWith("data/prices/", StringComparison.Ordinal) && n.EndsWith(".csv", StringComparison.Ordinal) && n.IndexOf('/', "data/prices/".Length) < 0);
        var books = new List<IPriceBook>();
        foreach (var byProvider in files.GroupBy(ProviderOf, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var parts = byProvider.Select(n => CuratedPriceBook.Read(PriceBookName, Read(n), n, byProvider.Key)).ToList();
            books.Add(new PriceBook(PriceBookName, parts.Max(b => b.AsOf) ?? "", parts.SelectMany(b => b.Entries), byProvider.Key));
        }

        return books.Count == 1 ? books[0] : new LayeredPriceBook(books);
    }

    private static string ProviderOf(string resourceName)
    {
        var file = resourceName["data/prices/".Length..];
        var id = file[..Math.Max(0, file.IndexOf('-', StringComparison.Ordinal))];
        return ProviderProfiles.Find(id)?.Id
            ?? throw new InvalidOperationException($"embedded price file '{resourceName}' does not start with a provider id ({string.Join(", ", ProviderProfiles.Ids)})");
    }

    /// <summary>
    /// The compiled world book (tools/Stackplan.PriceCompiler): one instance per process, since it
    /// is immutable and reads each region's prices the first time they are asked for.
    /// </summary>
    public static WorldPriceBook World => LazyWorld.Value;

    private static readonly Lazy<WorldPriceBook> LazyWorld = new(() => new WorldPriceBook(WorldProvider, WorldFolder, Assembly.GetManifestResourceStream));

    /// <summary>The AWS world book's provider; every registered provider with a folder under data/prices/world has its own book.</summary>
    public const string WorldProvider = "aws";

    public const string WorldFolder = "data/prices/world/" + WorldProvider;

    /// <summary>The compiled world books, one per provider that has one (data/prices/world/&lt;provider&gt;), AWS last.</summary>
    public static IReadOnlyList<WorldPriceBook> Worlds => LazyWorlds.Value;

    private static readonly Lazy<IReadOnlyList<WorldPriceBook>> LazyWorlds = new(() =>
        // The AWS book last: a layered book's as-of date is its last layer's, and AWS is the default provider.
        [.. ProviderProfiles.All.Where(p => p.Id != WorldProvider && Names.Contains($"data/prices/world/{p.Id}/regions.csv"))
            .Select(p => new WorldPriceBook(p.Id, $"data/prices/world/{p.Id}", Assembly.GetManifestResourceStream)), World]);

    /// <summary>The instance types of every provider: data/instance-types.csv (AWS) and data/instance-types-&lt;provider&gt;.csv.</summary>
    /// <remarks>A file is read the first time a type is looked up in it (lookups try the last name first: AWS's, since "instance-types.csv" sorts after "instance-types-gcp.csv"), and a row is parsed when its type is first used.</remarks>
    public static InstanceTypeTable InstanceTypes() =>
        InstanceTypeTable.Read([.. Names.Where(n => n.StartsWith("data/instance-types", StringComparison.Ordinal) && n.EndsWith(".csv", StringComparison.Ordinal))], Read);

    /// <summary>An estimator over the embedded catalog, book and instance types, optionally layered under other books.</summary>
    public static Estimator Estimator(IEnumerable<IPriceBook>? booksOnTop = null, IEnumerable<SourceText>? userCatalogFiles = null)
    {
        IPriceBook prices = PriceBook();
        if (booksOnTop?.ToList() is { Count: > 0 } layers)
        {
            prices = new LayeredPriceBook([.. layers, prices]);
        }

        return new Estimator(Catalog(userCatalogFiles), prices, InstanceTypes());
    }
}
