using System.Collections.Immutable;
using System.Globalization;
using Spectre.Console;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Reports;
using Stackplan.PriceBook;

namespace Stackplan.Cli.Commands;

/// <summary>`stackplan pricebook import|update|query|info|diff`: the imported AWS Price List book (docs/pricebook.md).</summary>
public sealed class PricebookCommand : Command
{
    private static readonly string[] ActionNames = ["import", "update", "query", "info", "diff"];

    private static readonly OptionSpec Services = new("services", "CODES", "offer codes to import or show, comma-separated (default: the ones the catalog prices)", Repeatable: true);
    private static readonly OptionSpec Regions = new("regions", "CODES", "region codes, comma-separated (import: all; update: us-east-1)", Repeatable: true);
    private static readonly OptionSpec Terms = new("terms", "TYPES", "OnDemand, Reserved, SavingsPlan or all, comma-separated (default OnDemand)", Repeatable: true);
    private static readonly OptionSpec PurchaseOptions = new("purchase-options", "NAMES", "keep only these Reserved/Savings Plans purchase options, e.g. \"No Upfront\"", Repeatable: true);
    private static readonly OptionSpec BaseUrl = new("base-url", "URL", $"Price List bulk endpoint for update (default {PriceListUpdater.DefaultBaseUrl})");
    private static readonly OptionSpec Family = new("family", "NAME", "query: product family, e.g. \"Compute Instance\"");
    private static readonly OptionSpec Sku = new("sku", "SKU", "query: one SKU (or the SKU a Savings Plans rate discounts)");
    private static readonly OptionSpec Term = new("term", "TYPE", "query: OnDemand, Reserved or SavingsPlan") { Choices = ["OnDemand", "Reserved", "SavingsPlan"] };
    private static readonly OptionSpec Attribute = new("attribute", "KEY=VALUE", "query: product attribute equals value, e.g. instanceType=m5.large (repeatable)", "a", Repeatable: true);
    private static readonly OptionSpec Limit = new("limit", "N", "query: at most N rows (default 1000)");
    private static readonly OptionSpec InputFormat = new("input-format", "FORMAT", "import: what the files are: auto (default: found by content), aws (Price List offer and index files), azure-retail (Azure Retail Prices API pages), gcp-billing (Cloud Billing Catalog API SKU pages)") { Choices = [.. CloudPageFormats.Choices] };
    private static readonly OptionSpec Files = new("files", null, "info: list the imported book's offer files instead of what each book covers");

    public override string Name => "pricebook";

    public override bool ReadsEmbeddedData => false;

    public override string Summary => "Import AWS Price List offer files (and Azure Retail Prices or Cloud Billing Catalog pages) into a local price book, update it over HTTPS, query it, diff two books.";

    public override string Usage => "import <file|dir>... | update | query | info | diff <bookA> <bookB>  [options]";

    public override int MaxPositionals => int.MaxValue;

    /// <summary>import takes any number of files and diff two books; the others read the book --pricebook names.</summary>
    public override int MaxPositionalsFor(string? action) => action switch
    {
        "import" => int.MaxValue,
        "diff" => 3,
        _ => 1,
    };

    public override string Details =>
        "The book is a SQLite file (default: " + PriceBookDatabase.DefaultPath + ").\n" +
        "Imports are atomic: a failed or interrupted import leaves the previous book as it was.\n" +
        "Saved Azure Retail Prices API pages (Items, NextPageLink) and Cloud Billing Catalog API SKU pages\n" +
        "(skus, nextPageToken) are found by their content; give every page, in order: each page's next link\n" +
        "is read as the following file. --input-format forces one format.\n" +
        "Use it in estimates with: stackplan estimate <spec> --pricebook FILE";

    public override IReadOnlyList<string> Actions => ActionNames;

    public override IReadOnlyList<OptionSpec> Options { get; } =
        [EstimatingOptions.PriceBook, Services, Regions, Terms, PurchaseOptions, InputFormat, BaseUrl, Family, Sku, Term, Attribute, Limit, Files, OutputFormats.Format<RecordTable>(), EstimatingOptions.Output];

    public override int Run(Arguments args, CliConsole console)
    {
        var action = args.Positional(0, "action: " + string.Join(", ", ActionNames));
        var book = args.Get(EstimatingOptions.PriceBook.Name) is { } given ? console.ResolvePath(given) : PriceBookDatabase.DefaultPath;
        switch (action)
        {
            case "import":
                SystemCrypto.Require("an import (each file's SHA-256)");
                var paths = args.Positionals.Skip(1).Select(console.ResolvePath).ToList();
                if (paths.Count == 0)
                {
                    throw new UsageException(DiagnosticCodes.MissingArgument, "missing offer files or directories to import");
                }

                var format = args.Get(InputFormat.Name) ?? "auto";
                if (!CloudPageFormats.Choices.Contains(format))
                {
                    throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--input-format takes {string.Join(", ", CloudPageFormats.Choices)}, not '{format}'", Spelling.Suggest(format, CloudPageFormats.Choices));
                }

                return Import(book, Filter(args, defaultRegions: []), console, (importer, filter) => PriceListSources.ImportLocal(importer, filter, paths, format));
            case "update":
                SystemCrypto.Require("an update (HTTPS downloads and each file's SHA-256)");
                var baseUrl = args.Get(BaseUrl.Name) ?? PriceListUpdater.DefaultBaseUrl;
                if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                {
                    throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--base-url must be an http(s) URL, not '{baseUrl}'");
                }

                using (var http = PriceListUpdater.CreateClient())
                {
                    var progress = new ProgressBar(console);
                    var updater = new PriceListUpdater(http, uri, p => progress.Report("download " + p.Url, p.BytesRead, p.BytesTotal));
                    return Import(book, Filter(args, defaultRegions: ["us-east-1"]), console, (importer, _) => updater.Update(importer, importer.Filter), progress);
                }

            case "query":
                return Query(book, args, console);
            case "info":
                return Info(book, args, console);
            case "diff":
                return Diff(console.ResolvePath(args.Positional(1, "the first book")), console.ResolvePath(args.Positional(2, "the second book")), args, console);
            default:
                throw new UsageException(DiagnosticCodes.UnknownCommand, $"unknown pricebook action '{action}'", Spelling.Suggest(action, ActionNames) ?? "use " + string.Join(", ", ActionNames));
        }
    }

    private static ImportFilter Filter(Arguments args, ImmutableHashSet<string> defaultRegions)
    {
        var services = List(args, Services);
        var regions = List(args, Regions);
        var terms = List(args, Terms);
        if (terms.Contains("all"))
        {
            terms = [.. ImportFilter.AllTermTypes];
        }

        foreach (var t in terms.Where(t => !ImportFilter.AllTermTypes.Contains(t)))
        {
            throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--terms takes OnDemand, Reserved, SavingsPlan or all, not '{t}'", Spelling.Suggest(t, ImportFilter.AllTermTypes));
        }

        var defaults = ImportFilter.Default;
        return new ImportFilter(
            services.IsEmpty ? defaults.Services : services,
            regions.IsEmpty ? defaultRegions : regions,
            terms.IsEmpty ? defaults.TermTypes : terms,
            List(args, PurchaseOptions));
    }

    private static ImmutableHashSet<string> List(Arguments args, OptionSpec option) =>
        [.. args.GetAll(option.Name).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static int Import(string book, ImportFilter filter, CliConsole console, Action<PriceListImporter, ImportFilter> work, ProgressBar? progress = null)
    {
        progress ??= new ProgressBar(console);
        IReadOnlyList<ImportedFile> files = [];
        progress.Run(() =>
        {
            using var importer = new PriceListImporter(book, filter, p => progress.Report(p.File, p.BytesRead, p.BytesTotal));
            work(importer, filter);
            importer.Commit();
            files = importer.Files;
        });
        foreach (var f in files)
        {
            if (f.Warning is { } warning)
            {
                console.Error.WriteLine(Diagnostic.Warning(DiagnosticCodes.IncompletePages, $"{f.OfferCode}: {warning}"));
            }

            console.Out.WriteLine(f.Skipped
                ? $"skipped  {f.OfferCode} {f.Version} {f.Region}: {f.SkipReason}"
                : $"imported {f.OfferCode} {f.Version} {(f.Region.Length > 0 ? f.Region : "(all regions)")}: {f.Products} products, {f.Prices} prices ({f.Source})");
        }

        console.Out.WriteLine($"price book: {book}");
        return 0;
    }

    private static int Query(string book, Arguments args, CliConsole console)
    {
        var attributes = args.GetAll(Attribute.Name).Select(a => a.Split('=', 2) is [var k, var v] && k.Length > 0 ? new KeyValuePair<string, string>(k, v)
            : throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--attribute takes key=value, not '{a}'")).ToImmutableArray();
        var limit = AnalysisOptions.Int(args, Limit.Name, 1, int.MaxValue) ?? 1000;
        var rows = PriceBookQueries.Query(book, new PriceQuery([.. List(args, Services)], [.. List(args, Regions)], args.Get(Family.Name), args.Get(Sku.Name), args.Get(Term.Name), attributes, limit));
        string[] header = ["offer", "region", "sku", "family", "usagetype", "term", "lease", "purchase_option", "offering_class", "rate_code", "unit", "begin", "end", "amount", "currency", "effective", "version", "discounted_sku", "description"];
        var cells = rows.Select(r => new[] { r.OfferCode, r.Region, r.Sku, r.Family, r.UsageType, r.TermType, r.LeaseContractLength, r.PurchaseOption, r.OfferingClass, r.RateCode, r.Unit, r.BeginRange, r.EndRange ?? "Inf", r.Amount, r.Currency, r.EffectiveDate, r.Version, r.DiscountedSku, r.Description }).ToList();
        OutputFormats.Write(Records(header, cells, [0, 1, 2, 5, 6, 7, 10, 11, 12, 13, 14, 18]), args, console);
        if (rows.Count == 0)
        {
            // An empty answer is said, with what was asked, so a misspelt filter does not pass as "no prices".
            var asked = string.Join(", ", new[] { Services, Regions, Family, Sku, Term, Attribute }.SelectMany(o => args.GetAll(o.Name).Select(v => $"--{o.Name} {v}")));
            console.Error.WriteLine(Diagnostic.Warning(DiagnosticCodes.NoMatch, $"no price in the book matches {(asked.Length > 0 ? asked : "the query")}; check the spelling of the services, regions and term (pricebook info lists what the book holds)"));
        }

        if (rows.Count == limit)
        {
            console.Error.WriteLine($"note: showing the first {limit} rows; narrow the query or raise --limit");
        }

        return 0;
    }

    /// <summary>
    /// What each book covers, by provider and region: keys and the as-of range of their sources,
    /// for the embedded books (curated rows, the compiled world book) and the imported one when
    /// it exists. With --files, the imported book's offer files instead.
    /// </summary>
    private static int Info(string book, Arguments args, CliConsole console)
    {
        var exists = File.Exists(book);
        var files = exists || args.Has(Files.Name) ? PriceBookQueries.Info(book) : [];
        var bookSummary = $"{book}: schema {PriceBookDatabase.SchemaVersion}, {files.Count} offer file(s)" +
            (files.Count == 0 ? "" : " (" + string.Join("; ", files.Select(f => $"{f.OfferCode} {f.Version} published {f.PublicationDate} {f.Region}")) + ")") +
            $", {files.Sum(f => f.Products)} products, {files.Sum(f => f.Prices)} prices";
        if (args.Has(Files.Name))
        {
            string[] header = ["offer", "version", "published", "region", "format", "products", "prices", "source", "sha256"];
            var cells = files.Select(f => new[] { f.OfferCode, f.Version, f.PublicationDate, f.Region, f.Format, f.Products.ToString(CultureInfo.InvariantCulture), f.Prices.ToString(CultureInfo.InvariantCulture), f.Source, f.Sha256 }).ToList();
            OutputFormats.Write(Records(header, cells, [0, 1, 2, 3, 4, 5, 6, 7]) with { Footer = bookSummary }, args, console);
            return 0;
        }

        var rows = new List<string[]>();
        var worlds = EmbeddedData.Worlds;
        rows.AddRange(worlds.SelectMany(world => world.Regions.Select(r => new[] { world.Name, world.Provider, r.Region, r.Keys.ToString(CultureInfo.InvariantCulture), r.AsOfMin[..10], r.AsOfMax[..10] })));
        rows.AddRange(Coverage(EmbeddedData.CuratedBook()));
        if (exists)
        {
            rows.AddRange(SqlitePriceBook.OpenAll(book).SelectMany(Coverage));
        }

        string[] columns = ["book", "provider", "region", "keys", "as_of_from", "as_of_to"];
        var footer = "embedded: " + string.Join(", ", worlds.Select(w => $"{w.Name} {w.Provider} ({w.Regions.Length} regions)")) + " (tools/Stackplan.PriceCompiler) and " + EmbeddedData.PriceBookName + " (data/prices); " +
            (exists ? "imported: " + bookSummary : $"no imported book at {book} (stackplan pricebook import)");
        OutputFormats.Write(Records(columns, rows, [0, 1, 2, 3, 4, 5]) with { Footer = footer }, args, console);
        return 0;
    }

    /// <summary>Keys and as-of range per book, provider and region; a layered book is read layer by layer so each row names its own provider.</summary>
    private static IEnumerable<string[]> Coverage(IPriceBook prices) => prices is LayeredPriceBook layered
        ? layered.Layers.SelectMany(Coverage)
        : prices.Entries.GroupBy(e => (e.Book, e.Region))
            .OrderBy(g => g.Key.Book, StringComparer.Ordinal).ThenBy(g => g.Key.Region, StringComparer.Ordinal)
            .Select(g => new[]
            {
                g.Key.Book, prices.Provider, g.Key.Region, g.Select(e => e.Key).Distinct().Count().ToString(CultureInfo.InvariantCulture),
                g.Select(e => e.AsOf).Min(StringComparer.Ordinal)!, g.Select(e => e.AsOf).Max(StringComparer.Ordinal)!,
            });

    private static int Diff(string before, string after, Arguments args, CliConsole console)
    {
        var changes = PriceBookQueries.Diff(before, after);
        string[] header = ["change", "offer", "sku", "rate_code", "currency", "region", "unit", "before", "after", "description"];
        var cells = changes.Select(c => new[] { c.Change, c.OfferCode, c.Sku, c.RateCode, c.Currency, c.Region, c.Unit, c.Before ?? "", c.After ?? "", c.Description }).ToList();
        var footer = $"{changes.Count(c => c.Change == "added")} added, {changes.Count(c => c.Change == "removed")} removed, {changes.Count(c => c.Change == "changed")} changed";
        OutputFormats.Write(Records(header, cells, [0, 1, 5, 2, 6, 7, 8, 4, 9]) with { Footer = footer }, args, console);

        return 0;
    }

    private static RecordTable Records(string[] header, List<string[]> rows, ImmutableArray<int> tableColumns) =>
        new([.. header], [.. rows.Select(r => r.ToImmutableArray())], tableColumns);

    /// <summary>
    /// Progress on standard error, never on standard output (which carries the result): a
    /// Spectre.Console progress bar per file on a terminal (colour unless NO_COLOR), one plain line
    /// per file otherwise, so logs and CI stay readable.
    /// </summary>
    private sealed class ProgressBar(CliConsole console)
    {
        private ProgressContext? _context;
        private ProgressTask? _task;
        private string? _current;

        /// <summary>Runs <paramref name="work"/>, drawing the bar while it reports.</summary>
        public void Run(Action work)
        {
            if (!console.ErrorIsTerminal)
            {
                work();
                return;
            }

            console.SpectreError().Progress().AutoClear(true)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn())
                .Start(context =>
                {
                    _context = context;
                    try
                    {
                        work();
                    }
                    finally
                    {
                        _task?.StopTask();
                        _context = null;
                    }
                });
        }

        public void Report(string what, long done, long? total)
        {
            if (what != _current)
            {
                _current = what;
                _task?.StopTask();
                if (_context is null)
                {
                    console.Error.WriteLine($"reading {what}{(total is { } t ? $" ({t / 1048576.0:0.0} MB)" : "")}");
                    console.Error.Flush();
                    return;
                }

                var name = what.Length > 50 ? "…" + what[^49..] : what;
                _task = _context.AddTask(Markup.Escape(name), autoStart: true, maxValue: total is > 0 ? total.Value : 1);
            }

            if (_task is not null)
            {
                _task.Value = total is > 0 ? Math.Min(done, total.Value) : 0;
            }
        }
    }
}
