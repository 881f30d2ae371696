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

    public static string Read(string name) => Utf8Text(Bytes(name).Span);

    /// <summary>The UTF-8 text of a stream, without its byte-order mark.</summary>
    public static string ReadUtf8(Stream stream) => Utf8Text(ResourceMemory.Of(stream).Span);

    /// <summary>An embedded file's bytes, read in place (<see cref="ResourceMemory"/>).</summary>
    /// <exception cref="InvalidOperationException">The build lacks the file.</exception>
    public static ReadOnlyMemory<byte> Bytes(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded data '{name}' is missing from the build");
        return ResourceMemory.Of(stream);
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

    /// <summary>
    /// The embedded catalog, then the user's files (which add or replace components by id). The
    /// embedded components' modes and costs are read when first used; the user's are checked here.
    /// </summary>
    /// <exception cref="InputException">A user's file has an error.</exception>
    public static ComponentCatalog Catalog(IEnumerable<SourceText>? userFiles = null) =>
        userFiles?.ToList() is { Count: > 0 } files
            ? ComponentCatalog.Load(EmbeddedCatalogDocuments.Value, files.Select(YamlDocument.Parse))
            : EmbeddedCatalog.Value;

    // Immutable once read (a deferred body is read once, by whichever run asks first), so one per process.
    private static readonly Lazy<IReadOnlyList<YamlDocument>> EmbeddedCatalogDocuments = new(CatalogDocuments);
    private static readonly Lazy<ComponentCatalog> EmbeddedCatalog = new(() => ComponentCatalog.Load(EmbeddedCatalogDocuments.Value, []));

    /// <summary>
    /// Starts reading what nearly every command reads (the catalog, the curated prices, the
    /// controls) on a second thread, so a machine with a free core does it while the first reads
    /// and parses the user's input; whoever asks first for one of them waits for it. An error
    /// here (none is expected: tests read all of it) shows again when asked for on the caller's thread.
    /// </summary>
    public static void Prefetch() => ThreadPool.UnsafeQueueUserWorkItem(
        static _ =>
        {
            try
            {
                _ = EmbeddedCatalog.Value;
                _ = CuratedBooks.Value;
                _ = Compliance.ControlSet.Embedded;
            }
            catch (Exception)
            {
                // Lazy<T> keeps the exception and throws it again on the asking thread, where it is reported.
            }
        },
        null);

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
                if (YamlTreePack.Read(pack, YamlTreePack.Fingerprint(files)) is { } packed)
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

    private static List<(string Name, ReadOnlyMemory<byte> Bytes)> CatalogYaml() => [.. CatalogFileNames.Select(n => (n, Bytes(n)))];

    private static YamlDocument[] Parse(List<(string Name, ReadOnlyMemory<byte> Bytes)> files) =>
        [.. files.Select(f => YamlDocument.Parse(new SourceText(f.Name, Utf8Text(f.Bytes.Span))))];

    /// <summary>The embedded prices: the curated, hand-cited rows over the compiled world book.</summary>
    public static IPriceBook PriceBook() => new LayeredPriceBook([CuratedBook(), .. Worlds]);

    /// <summary>
    /// The curated books, one per provider: data/prices/&lt;provider&gt;-*.csv holds that
    /// provider's prices (the file name's first word is a provider profile's id). Few, hand-cited,
    /// kept where better sourced than the world book; the world book's files are in a folder below.
    /// </summary>
    public static IPriceBook CuratedBook() => CuratedBooks.Value;

    private static readonly Lazy<IPriceBook> CuratedBooks = new(ReadCuratedBooks);

    private static IPriceBook ReadCuratedBooks()
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
        InstanceTypeTable.Read([.. Names.Where(n => n.StartsWith("data/instance-types", StringComparison.Ordinal) && n.EndsWith(".csv", StringComparison.Ordinal))], Bytes);

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
